// One booking, one trace across three processes: the built web server, the outbox relay and the
// notifications worker run with OTEL_EXPORTER_OTLP_ENDPOINT pointing at a local OTLP receiver and
// started through the register file (`--import`, as the image does with NODE_OPTIONS). The trace runs
// POST /api/bookings (web) → the outbox row's traceparent → publish (relay) → RabbitMQ headers →
// process (notifications) → smtp send, and the worker's log lines carry its trace id.
import { randomBytes } from 'node:crypto'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { QUEUES, ROUTING_KEYS } from '../../server/messaging/names.ts'
import { api } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { startFakeOtlp, type FakeOtlp, type ReceivedSpan } from '../support/fake-otlp.ts'
import { startFakeSmtp, type FakeSmtp } from '../support/fake-smtp.ts'
import { testDatabaseUrl } from '../support/lane.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { TEST_BUNDLES } from '../support/test-bundles.ts'
import { eventually, startWorker, type RunningWorker } from '../support/workers.ts'

const SPAN_KIND = { server: 2, client: 3, producer: 4, consumer: 5 } as const

let otlp: FakeOtlp
let smtp: FakeSmtp
let vhost: TestVhost
let web: RunningServer
let relay: RunningWorker
let notifications: RunningWorker

function tracingEnv(): Record<string, string> {
  const register = pathToFileURL(resolve(TEST_BUNDLES, 'tracing/register.mjs')).href
  return {
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
    // Export every 100 ms rather than every 5 s, so the test waits less.
    OTEL_BSP_SCHEDULE_DELAY: '100',
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${register}`.trim(),
  }
}

beforeAll(async () => {
  [otlp, smtp, vhost] = await Promise.all([startFakeOtlp(), startFakeSmtp(), createTestVhost()]) as [FakeOtlp, FakeSmtp, TestVhost]
  const env = tracingEnv()
  web = await startServer({
    ...env, DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  }, undefined, { build: inject('buildDir') })
  ;[relay, notifications] = await Promise.all([
    startWorker('relay', { ...env, AMQP_URL: vhost.url }),
    startWorker('notifications', { ...env, AMQP_URL: vhost.url, SMTP_URL: smtp.url, BULLMQ_PREFIX: `bookify-tracing-${randomBytes(4).toString('hex')}`, APP_URL: web.url }),
  ])
}, 120_000)

afterAll(async () => {
  await Promise.all([relay?.stop(), notifications?.stop(), web?.stop()])
  await Promise.all([smtp?.close(), otlp?.close(), vhost?.drop()])
})

/** The span's ancestors, nearest first, among the spans received so far. */
function ancestors(span: ReceivedSpan, all: ReceivedSpan[]): ReceivedSpan[] {
  const byId = new Map(all.map(s => [s.spanId, s]))
  const chain: ReceivedSpan[] = []
  for (let parent = byId.get(span.parentSpanId); parent; parent = byId.get(parent.parentSpanId)) chain.push(parent)
  return chain
}

describe('end-to-end tracing', () => {
  it('follows a booking from POST /api/bookings through the relay and RabbitMQ to the SMTP send, in one trace', { timeout: 60_000 }, async () => {
    const [organiser, me] = await createUsers(2) as [TestUser, TestUser]
    const event = await createPublishedEvent(organiser.id, [{ name: 'GA', kind: 'GA', capacity: 5, priceCents: 1000 }], { startsInDays: 5 })
    const hold = await api('POST', '/api/holds', { base: web.url, token: me.token, body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } })
    expect(hold.status).toBe(201)
    const booking = await api('POST', '/api/bookings', { base: web.url, token: me.token, body: { holdId: hold.body.id } })
    expect(booking.status).toBe(201)
    const { email } = await testDb().user.findUniqueOrThrow({ where: { id: me.id } })
    await eventually(async () => smtp.mails.some(m => m.to.includes(email)), 20_000, 'the booking e-mail')

    // The outbox row stored the request's trace context.
    const row = await testDb().outboxMessage.findFirstOrThrow({ where: { routingKey: ROUTING_KEYS.bookingConfirmed, aggregateId: booking.body.id } })
    expect(row.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/)
    const [, traceId, writerSpanId] = row.traceparent!.split('-') as [string, string, string]

    const chain = await eventually(async () => {
      const spans = otlp.spans.filter(s => s.traceId === traceId)
      const request = spans.find(s => s.service === 'bookify-web' && s.kind === SPAN_KIND.server
        && (s.attributes['url.path'] ?? s.attributes['http.target']) === '/api/bookings')
      const publish = spans.find(s => s.service === 'bookify-relay' && s.name === 'publish bookify.events' && s.attributes['messaging.message.id'] === row.id)
      const processed = spans.find(s => s.service === 'bookify-notifications' && s.name === `process ${QUEUES.notifications}` && s.attributes['messaging.message.id'] === row.id)
      const send = spans.find(s => s.service === 'bookify-notifications' && s.name === 'smtp send')
      return request && publish && processed && send && { spans, request, publish, processed, send }
    }, 20_000, 'the web, relay, notifications and smtp spans of the booking trace')
    const { spans, request, publish, processed, send } = chain

    // Web: the outbox row was written inside the request's span.
    const writer = spans.find(s => s.spanId === writerSpanId)!
    expect([writer, ...ancestors(writer, spans)]).toContainEqual(request)
    expect(request.attributes['http.request.method'] ?? request.attributes['http.method']).toBe('POST')
    // Relay: its publish span is the child of the span that wrote the row, in the web process.
    expect(publish.kind).toBe(SPAN_KIND.producer)
    expect(publish.parentSpanId).toBe(writerSpanId)
    expect(spans.find(s => s.spanId === publish.parentSpanId)?.service).toBe('bookify-web')
    // Notifications: the consumer's span descends from the relay's publish (through the RabbitMQ headers),
    // and the SMTP send from the consumer's span.
    expect(processed.kind).toBe(SPAN_KIND.consumer)
    expect(ancestors(processed, spans)).toContainEqual(publish)
    expect(ancestors(processed, spans).find(s => s.service !== 'bookify-notifications')?.service).toBe('bookify-relay')
    expect(send.kind).toBe(SPAN_KIND.client)
    expect(ancestors(send, spans)).toContainEqual(processed)
    expect(ancestors(send, spans).at(-1)).toEqual(request) // …and the whole chain ends at the request
    expect(new Set(spans.map(s => s.service))).toEqual(new Set(['bookify-web', 'bookify-relay', 'bookify-notifications']))

    // Every span of the trace has its parent in the trace (none dangling), and the database and
    // RabbitMQ instrumentations contributed to it.
    for (const span of spans) if (span.parentSpanId) expect(spans.map(s => s.spanId)).toContain(span.parentSpanId)
    expect(spans.some(s => s.service === 'bookify-web' && (s.attributes['db.system'] ?? s.attributes['db.system.name']) === 'postgresql')).toBe(true)

    // Trace ids in the JSON logs: the worker's line for the message carries the trace.
    const line = await notifications.waitForLog(l => l.messageId === row.id && l.outcome === 'ok')
    expect(line.traceId).toBe(traceId)
    expect(otlp.refused).toEqual([])
  })
})

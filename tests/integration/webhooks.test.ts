// Organiser webhooks end to end: a web server that allows loopback targets (WEBHOOKS_ALLOW_PRIVATE)
// and the real relay, notifications and webhooks workers in this file's own RabbitMQ vhost and
// BullMQ prefix deliver bookings made through the API to a real HTTP receiver on 127.0.0.1, which
// checks every signature with the Node snippet from the README. The lane's own server keeps the
// production rule and refuses the same targets (422).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { api, type Res } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { startFakeSmtp, type FakeSmtp } from '../support/fake-smtp.ts'
import { testDatabaseUrl } from '../support/lane.ts'
import { expectSpecAnswer } from '../support/openapi.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import type { RunningServer } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { eventually, startWorker, type RunningWorker } from '../support/workers.ts'

// ── The README's verification snippet (Node), as a receiver would paste it. ──
function verifyBookify(secret: string, header: string, rawBody: string, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map(p => p.split('=')))
  const t = Number(parts.t)
  if (!t || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest()
  const given = Buffer.from(parts.v1 ?? '', 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

interface Received {
  path: string
  headers: IncomingHttpHeaders
  body: string
  json: any
  status: number
}

/** A receiver answering each path with the statuses in `plan` in turn (the last repeating; 200 if none). */
function startReceiver() {
  const received: Received[] = []
  const plans = new Map<string, number[]>()
  const server: Server = createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => { body += chunk })
    req.on('end', () => {
      const path = req.url ?? '/'
      const plan = plans.get(path) ?? []
      const n = received.filter(r => r.path === path).length
      const status = plan.length ? plan[Math.min(n, plan.length - 1)]! : 200
      received.push({ path, headers: req.headers, body, json: JSON.parse(body), status })
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'thanks' : `no: ${'x'.repeat(3000)}`)
    })
  })
  return {
    received,
    plan(path: string, statuses: number[]) { plans.set(path, statuses) },
    at: (path: string) => received.filter(r => r.path === path),
    async listen(): Promise<string> {
      await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}

const receiver = startReceiver()
let receiverUrl: string
let server: RunningServer
let vhost: TestVhost
let smtp: FakeSmtp
const workers: RunningWorker[] = []

beforeAll(async () => {
  receiverUrl = await receiver.listen()
  smtp = await startFakeSmtp()
  const env = {
    DATABASE_URL: testDatabaseUrl(),
    AUTH_SECRET: inject('authSecret'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    BULLMQ_PREFIX: `bookify-test-webhooks-${randomBytes(4).toString('hex')}`,
  }
  server = await startTestServer(env)
  vhost = await createTestVhost()
  const workerEnv = { ...env, AMQP_URL: vhost.url, APP_URL: server.url, SMTP_URL: smtp.url }
  workers.push(...await Promise.all([
    startWorker('relay', workerEnv),
    startWorker('notifications', workerEnv),
    // Five attempts 0.1–0.4 s apart instead of eleven over a day; two dead deliveries disable.
    startWorker('webhooks', { ...workerEnv, WEBHOOK_RETRY_DELAYS_MS: '100,200,300,400', WEBHOOK_SWEEP_MS: '300', WEBHOOK_DISABLE_AFTER: '2', WEBHOOK_TIMEOUT_MS: '2000' }, { readyLog: /webhooks running/ }),
  ]))
}, 90_000)

afterAll(async () => {
  for (const w of workers) await w.stop()
  await vhost?.drop()
  await server?.stop()
  await smtp?.close()
  await receiver.close()
})

const on = (token: string) => ({ token, base: server.url })

async function organiserWithEvent() {
  const [organiser, buyer] = await createUsers(2) as [TestUser, TestUser]
  const event = await createPublishedEvent(organiser.id, [{ name: 'GA', kind: 'GA', capacity: 20, priceCents: 1500 }], { startsInDays: 10 })
  return { organiser, buyer, event }
}

async function book(buyer: TestUser, event: { id: string, sections: { id: string }[] }): Promise<{ id: string, reference: string }> {
  const hold = await api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } })
  expect(hold.status).toBe(201)
  const booking = await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: hold.body.id } })
  expect(booking.status).toBe(201)
  return booking.body
}

async function register(token: string, body: Record<string, unknown>): Promise<Res> {
  const res = await api('POST', '/api/organiser/webhooks', { ...on(token), body })
  expectSpecAnswer('POST /api/organiser/webhooks', res)
  return res
}

describe('registering endpoints', () => {
  it('refuses loopback and private targets with 422 unless WEBHOOKS_ALLOW_PRIVATE', async () => {
    const { organiser } = await organiserWithEvent()
    for (const url of ['http://127.0.0.1:9/hook', 'http://localhost/hook', 'http://10.1.2.3/', 'http://192.168.0.10/', 'http://169.254.169.254/latest', 'http://[::1]/', 'http://[fd12::1]/', 'http://[fe80::1]/', 'http://[::ffff:127.0.0.1]/']) {
      // The lane's server runs as production does.
      const res = await api('POST', '/api/organiser/webhooks', { token: organiser.token, body: { url, events: ['booking.confirmed'] } })
      expect(res.status, url).toBe(422)
      expect(res.body.code).toBe('WEBHOOK_TARGET_REFUSED')
      expectSpecAnswer('POST /api/organiser/webhooks', res)
    }
    const unresolvable = await api('POST', '/api/organiser/webhooks', { token: organiser.token, body: { url: 'https://no-such-host.invalid/hook', events: ['booking.confirmed'] } })
    expect(unresolvable.status).toBe(422)
    expect(unresolvable.body.details.reason).toBe('unresolvable')
    // The server that allows private targets takes it.
    expect((await register(organiser.token, { url: `${receiverUrl}/fine`, events: ['booking.confirmed'] })).status).toBe(201)
  })

  it('shows the secret once, lists without it, edits and deletes', async () => {
    const { organiser } = await organiserWithEvent()
    const created = await register(organiser.token, { url: `${receiverUrl}/crud`, events: ['booking.confirmed', 'event.cancelled'], description: 'CRM' })
    expect(created.status).toBe(201)
    expect(created.headers.get('cache-control')).toBe('no-store')
    expect(created.body.secret).toMatch(/^whsec_[\w-]{43}$/)
    const list = await api('GET', '/api/organiser/webhooks', on(organiser.token))
    expectSpecAnswer('GET /api/organiser/webhooks', list)
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, events: ['booking.confirmed', 'event.cancelled'], enabled: true, eventId: null })])
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret)
    const row = await testDb().webhookEndpoint.findUniqueOrThrow({ where: { id: created.body.id } })
    expect(row.secretEnc).not.toContain(created.body.secret)

    const patched = await api('PATCH', `/api/organiser/webhooks/${created.body.id}`, { ...on(organiser.token), body: { events: ['booking.cancelled'], enabled: false } })
    expectSpecAnswer('PATCH /api/organiser/webhooks/{id}', patched)
    expect(patched.body).toMatchObject({ events: ['booking.cancelled'], enabled: false })
    const deleted = await api('DELETE', `/api/organiser/webhooks/${created.body.id}`, on(organiser.token))
    expectSpecAnswer('DELETE /api/organiser/webhooks/{id}', deleted)
    expect(deleted.status).toBe(200)
    expect((await api('DELETE', `/api/organiser/webhooks/${created.body.id}`, on(organiser.token))).status).toBe(404)
  })

  it('answers 403 to someone who organises nothing, 404 for another organiser\'s endpoint or event', async () => {
    const { organiser, buyer } = await organiserWithEvent()
    const other = await organiserWithEvent()
    for (const [method, path] of [['GET', '/api/organiser/webhooks'], ['POST', '/api/organiser/webhooks']] as const) {
      const res = await api(method, path, { ...on(buyer.token), body: method === 'POST' ? { url: `${receiverUrl}/x`, events: ['booking.confirmed'] } : undefined })
      expect(res.status, `${method} ${path}`).toBe(403)
      expect(res.body.code).toBe('FORBIDDEN')
    }
    const mine = await register(organiser.token, { url: `${receiverUrl}/mine`, events: ['booking.confirmed'] })
    for (const [method, path] of [['PATCH', ''], ['DELETE', ''], ['GET', '/deliveries'], ['POST', '/test']] as const) {
      const res = await api(method, `/api/organiser/webhooks/${mine.body.id}${path}`, { ...on(other.organiser.token), body: method === 'PATCH' ? { description: 'mine now' } : undefined })
      expect(res.status, `${method} …${path}`).toBe(404)
    }
    // Someone who organises nothing learns nothing either: an endpoint id is 404 for them.
    expect((await api('GET', `/api/organiser/webhooks/${mine.body.id}/deliveries`, on(buyer.token))).status).toBe(404)
    const foreignEvent = await register(organiser.token, { url: `${receiverUrl}/x`, events: ['booking.confirmed'], eventId: other.event.id })
    expect(foreignEvent.status).toBe(404)
    expect((await api('GET', '/api/organiser/webhooks', { token: organiser.token })).status).toBe(200)
  })

  it('refuses bad input with 400 in the error shape', async () => {
    const { organiser } = await organiserWithEvent()
    const bodies = [
      {},
      { url: 'ftp://example.com/x', events: ['booking.confirmed'] },
      { url: 'not a url', events: ['booking.confirmed'] },
      { url: 'https://user:pw@example.com/x', events: ['booking.confirmed'] },
      { url: 'https://example.com/x', events: [] },
      { url: 'https://example.com/x', events: ['booking.exploded'] },
      { url: 'https://example.com/x', events: ['booking.confirmed', 'booking.confirmed'] },
      { url: 'https://example.com/x', events: ['booking.confirmed'], eventId: 'nope' },
      { url: 'https://example.com/x', events: ['booking.confirmed'], secret: 'mine' },
    ]
    for (const body of bodies) {
      const res = await api('POST', '/api/organiser/webhooks', { ...on(organiser.token), body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('VALIDATION_FAILED')
    }
    const created = await register(organiser.token, { url: `${receiverUrl}/bad`, events: ['booking.confirmed'] })
    expect((await api('PATCH', `/api/organiser/webhooks/${created.body.id}`, { ...on(organiser.token), body: {} })).status).toBe(400)
    expect((await api('PATCH', '/api/organiser/webhooks/not-a-uuid', { ...on(organiser.token), body: { enabled: true } })).status).toBe(404)
    expect((await api('POST', `/api/organiser/webhooks/${created.body.id}/deliveries/nope/resend`, on(organiser.token))).status).toBe(404)
    expect((await api('POST', '/api/organiser/webhooks', { ...on(organiser.token), rawBody: '{"url":' })).status).toBe(400)
  })
})

describe('deliveries', () => {
  it('signs each delivery so the README snippet verifies it, with the versioned public body', async () => {
    const { organiser, buyer, event } = await organiserWithEvent()
    const created = await register(organiser.token, { url: `${receiverUrl}/signed`, events: ['booking.confirmed'] })
    const booking = await book(buyer, event)
    const [hit] = await eventually(async () => receiver.at('/signed').length > 0 && receiver.at('/signed'), 20_000, 'the delivery')
    const header = hit!.headers['bookify-signature'] as string
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(verifyBookify(created.body.secret, header, hit!.body)).toBe(true)
    expect(verifyBookify(created.body.secret, header, hit!.body.replace('confirmed', 'cancelled'))).toBe(false)
    expect(verifyBookify(`${created.body.secret}x`, header, hit!.body)).toBe(false)
    expect(hit!.headers['content-type']).toBe('application/json')
    expect(hit!.json).toEqual({
      id: expect.any(String), type: 'booking.confirmed', apiVersion: '2026-12-01', createdAt: expect.any(String),
      data: { booking: expect.objectContaining({ id: booking.id, reference: booking.reference, status: 'CONFIRMED', eventId: event.id, buyer: expect.objectContaining({ email: expect.any(String) }) }) },
    })
    expect(hit!.json.data.booking.tickets).toHaveLength(1)
    const log = await eventually(async () => {
      const res = await api('GET', `/api/organiser/webhooks/${created.body.id}/deliveries`, on(organiser.token))
      return res.body.items?.[0]?.status === 'DELIVERED' && res
    }, 10_000, 'the delivery logged')
    expectSpecAnswer('GET /api/organiser/webhooks/{id}/deliveries', log)
    expect(log.body.items[0]).toMatchObject({ eventType: 'booking.confirmed', attempts: 1, responseStatus: 200, responseSnippet: 'thanks' })
    expect(log.body.items[0].latencyMs).toBeGreaterThanOrEqual(0)
    // Sent once: the sweep (every 0.3 s) never sends a delivery whose attempt is under way or done.
    await new Promise(r => setTimeout(r, 800))
    expect(receiver.at('/signed')).toHaveLength(1)
  })

  it('a receiver failing 3 times then succeeding gets exactly one successful delivery', async () => {
    const { organiser, buyer, event } = await organiserWithEvent()
    receiver.plan('/flaky', [500, 503, 500, 200])
    const created = await register(organiser.token, { url: `${receiverUrl}/flaky`, events: ['booking.confirmed'] })
    await book(buyer, event)
    const delivery = await eventually(async () => {
      const row = await testDb().webhookDelivery.findFirst({ where: { endpointId: created.body.id } })
      return row?.status === 'DELIVERED' && row
    }, 20_000, 'the fourth attempt to succeed')
    expect(delivery.attempts).toBe(4)
    // Nothing more arrives after the success (the sweep runs every 0.3 s).
    await new Promise(r => setTimeout(r, 1_200))
    const hits = receiver.at('/flaky')
    expect(hits.map(h => h.status)).toEqual([500, 503, 500, 200])
    expect(new Set(hits.map(h => h.json.id)).size).toBe(1)
    expect(hits.every(h => h.headers['bookify-delivery'] === delivery.id)).toBe(true)
    expect(delivery.responseSnippet).toBe('thanks')
  })

  it('an endpoint that always fails is disabled after the limit and its organiser is e-mailed', async () => {
    const { organiser, buyer, event } = await organiserWithEvent()
    const [second] = await createUsers(1) as [TestUser]
    receiver.plan('/down', [500])
    const created = await register(organiser.token, { url: `${receiverUrl}/down`, events: ['booking.confirmed'] })
    await book(buyer, event)
    await book(second, event)
    const disabled = await eventually(async () => {
      const res = await api('GET', '/api/organiser/webhooks', on(organiser.token))
      return res.body.items[0].enabled === false && res.body.items[0]
    }, 30_000, 'the endpoint to be disabled')
    expect(disabled.failureCount).toBe(2)
    expect(disabled.disabledReason).toContain('500')
    const deliveries = await testDb().webhookDelivery.findMany({ where: { endpointId: created.body.id } })
    expect(deliveries.map(d => [d.status, d.attempts])).toEqual([['FAILED', 5], ['FAILED', 5]])
    expect(deliveries[0]!.responseSnippet!.length).toBeLessThanOrEqual(1024)
    const { email } = await testDb().user.findUniqueOrThrow({ where: { id: organiser.id } })
    const mail = await eventually(async () => smtp.mails.find(m => m.to.includes(email)), 20_000, 'the organiser\'s e-mail')
    expect(mail.raw).toContain('Webhook endpoint turned off')
    // Disabled: a new booking is not delivered, and a test delivery is refused.
    const before = receiver.at('/down').length
    const [third] = await createUsers(1) as [TestUser]
    await book(third, event)
    expect((await api('POST', `/api/organiser/webhooks/${created.body.id}/test`, on(organiser.token))).status).toBe(409)
    await new Promise(r => setTimeout(r, 1_500))
    expect(receiver.at('/down').length).toBe(before)
  })

  it('keeps the order of one booking\'s events even when the first needs retries', async () => {
    const { organiser, buyer, event } = await organiserWithEvent()
    receiver.plan('/order', [500, 500, 200])
    await register(organiser.token, { url: `${receiverUrl}/order`, events: ['booking.confirmed', 'booking.cancelled'] })
    const booking = await book(buyer, event)
    const cancelled = await api('POST', `/api/bookings/${booking.id}/cancel`, { token: buyer.token })
    expect(cancelled.status).toBe(200)
    await eventually(async () => receiver.at('/order').some(h => h.json.type === 'booking.cancelled' && h.status === 200), 20_000, 'the cancellation')
    const types = receiver.at('/order').map(h => `${h.json.type}:${h.status}`)
    expect(types).toEqual(['booking.confirmed:500', 'booking.confirmed:500', 'booking.confirmed:200', 'booking.cancelled:200'])
  })

  it('tells of a check-in at the door, after the booking it belongs to', async () => {
    const { organiser, buyer, event } = await organiserWithEvent()
    await register(organiser.token, { url: `${receiverUrl}/door`, events: ['booking.confirmed', 'ticket.checked_in'] })
    const booking = await book(buyer, event)
    const ticket = await testDb().ticket.findFirstOrThrow({ where: { bookingId: booking.id } })
    const scan = await api('POST', `/api/events/${event.id}/checkin`, { token: organiser.token, body: { ticketCode: ticket.code } })
    expect(scan.status).toBe(200)
    // Scanned again: already in, and no second message.
    expect((await api('POST', `/api/events/${event.id}/checkin`, { token: organiser.token, body: { ticketCode: ticket.code } })).status).toBe(409)
    const hit = await eventually(async () => receiver.at('/door').find(h => h.json.type === 'ticket.checked_in'), 20_000, 'the check-in delivery')
    expect(hit.json.data.ticket).toMatchObject({ id: ticket.id, bookingId: booking.id, checkedInAt: expect.any(String) })
    await new Promise(r => setTimeout(r, 800))
    expect(receiver.at('/door').map(h => h.json.type)).toEqual(['booking.confirmed', 'ticket.checked_in'])
  })

  it('resends a delivery and sends a test delivery on demand', async () => {
    const { organiser, buyer, event } = await organiserWithEvent()
    const created = await register(organiser.token, { url: `${receiverUrl}/resend`, events: ['booking.confirmed'] })
    await book(buyer, event)
    const [first] = await eventually(async () => receiver.at('/resend').length > 0 && receiver.at('/resend'), 20_000, 'the delivery')
    const log = await api('GET', `/api/organiser/webhooks/${created.body.id}/deliveries`, on(organiser.token))
    const original = log.body.items[0]
    const resent = await api('POST', `/api/organiser/webhooks/${created.body.id}/deliveries/${original.id}/resend`, on(organiser.token))
    expectSpecAnswer('POST /api/organiser/webhooks/{id}/deliveries/{deliveryId}/resend', resent)
    expect(resent.status).toBe(202)
    expect(resent.body).toMatchObject({ resendOfId: original.id, status: 'PENDING', eventType: 'booking.confirmed' })
    const [, again] = await eventually(async () => receiver.at('/resend').length > 1 && receiver.at('/resend'), 10_000, 'the resend')
    expect(again!.body).toBe(first!.body)
    expect(again!.headers['bookify-delivery']).toBe(resent.body.id)
    expect(verifyBookify(created.body.secret, again!.headers['bookify-signature'] as string, again!.body)).toBe(true)

    const test = await api('POST', `/api/organiser/webhooks/${created.body.id}/test`, on(organiser.token))
    expectSpecAnswer('POST /api/organiser/webhooks/{id}/test', test)
    expect(test.status).toBe(202)
    const ping = await eventually(async () => receiver.at('/resend').find(h => h.json.type === 'webhook.test'), 10_000, 'the test delivery')
    expect(ping.json.data).toMatchObject({ endpointId: created.body.id })
  })

  it('sends an event-scoped endpoint only its event\'s messages', async () => {
    const { organiser, buyer, event } = await organiserWithEvent()
    const otherEvent = await createPublishedEvent(organiser.id, [{ name: 'GA', kind: 'GA', capacity: 5, priceCents: 0 }], { startsInDays: 12 })
    const created = await register(organiser.token, { url: `${receiverUrl}/scoped`, events: ['booking.confirmed'], eventId: event.id })
    expect(created.body.eventId).toBe(event.id)
    await book(buyer, otherEvent)
    await book(buyer, event)
    await eventually(async () => receiver.at('/scoped').length > 0, 20_000, 'the delivery')
    await new Promise(r => setTimeout(r, 1_000))
    expect(receiver.at('/scoped').map(h => h.json.data.booking.eventId)).toEqual([event.id])
  })
})

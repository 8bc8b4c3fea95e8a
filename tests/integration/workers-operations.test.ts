// Operations endpoints: readiness, the web app's /metrics, and a worker's /metrics on METRICS_PORT,
// both closed to anyone without METRICS_TOKEN when it is set.
// (RabbitMQ being named when it is down is checked inside the stop_app test, messaging-relay.test.ts.)
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { api, baseUrl } from '../support/http.ts'
import { createPublishedEvent, createUsers, type TestUser } from '../support/fixtures.ts'
import { freePort } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import { startWorker, type RunningWorker } from '../support/workers.ts'
import { testDatabaseUrl } from '../support/lane.ts'

let vhost: TestVhost
const workers: RunningWorker[] = []

beforeAll(async () => {
  vhost = await createTestVhost()
})

afterAll(async () => {
  await Promise.all(workers.map(w => w.stop()))
  await vhost?.drop()
})

async function scrape(url: string, token?: string): Promise<string> {
  const res = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : undefined)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/plain')
  return res.text()
}

/** Sample lines of a metric carrying all the given labels (in any order). */
function samples(text: string, name: string, labels: Record<string, string>): string[] {
  return text.split('\n').filter(l => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)))
}

/** The value of one sample line, e.g. `bookify_holds_created_total`, or 0 when absent. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find(l => l.startsWith(`${name} `) || l.startsWith(`${name}{`))
  return line ? Number(line.split(' ').at(-1)) : 0
}

describe('operations', () => {
  it('GET /api/ready answers 200 with every dependency up', async () => {
    const res = await api('GET', '/api/ready')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ postgres: 'up', redis: 'up', rabbitmq: 'up' })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('GET /metrics has HTTP durations by route pattern and the holds/bookings/cancellations counters', async () => {
    const before = await scrape(`${baseUrl()}/metrics`)
    const [organiser, buyer] = await createUsers(2) as [TestUser, TestUser]
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 4 }])
    const hold = await api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, seatIds: [event.sections[0]!.placeIds[0]] } })
    expect(hold.status).toBe(201)
    const booking = await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: hold.body.id } })
    expect(booking.status).toBe(201)
    expect((await api('POST', `/api/bookings/${booking.body.id}/cancel`, { token: buyer.token })).status).toBe(200)
    expect((await api('GET', `/api/events/${event.id}`)).status).toBe(200)
    expect((await api('GET', `/api/events/${crypto.randomUUID()}`)).status).toBe(404)

    const after = await scrape(`${baseUrl()}/metrics`)
    for (const counter of ['bookify_holds_created_total', 'bookify_bookings_confirmed_total', 'bookify_bookings_cancelled_total']) {
      expect(after).toContain(`# TYPE ${counter} counter`)
      expect(sample(after, counter) - sample(before, counter), counter).toBeGreaterThanOrEqual(1)
    }
    expect(after).toContain('# TYPE bookify_http_request_duration_seconds histogram')
    const histogram = 'bookify_http_request_duration_seconds'
    expect(samples(after, `${histogram}_bucket`, { method: 'GET', route: '/api/events/:id', status: '200', le: '+Inf' })).toHaveLength(1)
    // Errors answered by the error handler are timed too.
    expect(samples(after, `${histogram}_count`, { method: 'GET', route: '/api/events/:id', status: '404' })).toHaveLength(1)
    expect(samples(after, `${histogram}_count`, { method: 'POST', route: '/api/bookings/:id/cancel', status: '200', role: 'web' })).toHaveLength(1)
    expect(after).not.toContain(event.id) // raw paths never become labels
    expect(after).toContain('# TYPE bookify_outbox_backlog gauge')
    expect(samples(after, 'bookify_outbox_oldest_unpublished_age_seconds', { role: 'web' })).toHaveLength(1)
  })

  it('a worker serves its own /metrics on METRICS_PORT with queue depths and consumer counters', { timeout: 30_000 }, async () => {
    const port = await freePort()
    const token = randomBytes(16).toString('hex')
    const relay = await startWorker('relay', { AMQP_URL: vhost.url, METRICS_PORT: String(port), METRICS_TOKEN: token })
    workers.push(relay)
    // With METRICS_TOKEN set, only a scraper presenting it gets the figures.
    for (const authorization of [undefined, 'Bearer wrong', `Basic ${token}`]) {
      const refused = await fetch(`http://127.0.0.1:${port}/metrics`, authorization ? { headers: { authorization } } : undefined)
      expect(refused.status).toBe(401)
      expect(await refused.text()).toBe('')
    }
    const text = await scrape(`http://127.0.0.1:${port}/metrics`, token)
    expect(samples(text, 'bookify_queue_depth', { queue: 'notifications:deliver:quorum', role: 'relay' })).toHaveLength(1)
    expect(samples(text, 'bookify_queue_depth', { queue: 'cleanup:release:quorum.dead' })).toHaveLength(1)
    expect(samples(text, 'bookify_queue_consumers', { queue: 'search-index:refresh:quorum' })).toHaveLength(1)
    expect(samples(text, 'bookify_outbox_backlog', { role: 'relay' })).toHaveLength(1)
    expect(text).toContain('# TYPE bookify_consumer_failures_total counter')
    expect(text).toContain('# TYPE bookify_outbox_published_total counter')
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404)
  })

  it('the web app\'s /metrics answers 401 in the contract\'s shape without the METRICS_TOKEN, and the figures with it', { timeout: 60_000 }, async () => {
    const token = randomBytes(16).toString('hex')
    const server = await startTestServer({
      DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'), METRICS_TOKEN: token,
    })
    try {
      for (const authorization of [undefined, 'Bearer wrong', `Bearer ${token}x`]) {
        const refused = await fetch(`${server.url}/metrics`, authorization ? { headers: { authorization } } : undefined)
        expect(refused.status).toBe(401)
        expect(refused.headers.get('www-authenticate')).toContain('Bearer')
        expect(await refused.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' })
      }
      expect(await scrape(`${server.url}/metrics`, token)).toContain('# TYPE bookify_holds_created_total counter')
    } finally {
      await server.stop()
    }
  })
})

// Google Calendar: the connect flow through the web server and the sync handler, both using the real
// googleapis client against a local fake Google that checks every request.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { loadConfig } from '../../server/config/env.ts'
import { googleConfigOf, type GoogleConfig } from '../../server/domain/calendar/google/google-config.ts'
import { googleEventIdFor } from '../../server/domain/calendar/google/calendar-event-body.ts'
import { decryptTokenFor, storeNewLink } from '../../server/domain/calendar/google/token-store.ts'
import { GoogleRateLimitedError } from '../../server/domain/calendar/google/google-errors.ts'
import { calendarHandlers } from '../../workers/handlers/calendar/calendar-handlers.ts'
import { api } from '../support/http.ts'
import type { RunningServer } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from '../support/fixtures.ts'
import { startFakeGoogle, type FakeGoogle } from '../support/fake-google.ts'
import { dispatcher, outboxEnvelope, runtimeTools } from '../support/message-tools.ts'
import { testDatabaseUrl } from '../support/lane.ts'

const CLIENT = { clientId: 'bookify-test.apps.googleusercontent.com', clientSecret: 'fake-secret' }
const ENCRYPTION_KEY = randomBytes(32).toString('base64url')

let google: FakeGoogle
let server: RunningServer
const serverLog = join(mkdtempSync(join(tmpdir(), 'bookify-google-')), 'server.log')
let cfg: GoogleConfig
let handle: ReturnType<typeof dispatcher>
let organiser: TestUser
let event: TestEvent
let nextSeat = 0

async function call(method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method, redirect: 'manual',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await res.text()
  const json = (res.headers.get('content-type') ?? '').includes('json')
  return { status: res.status, location: res.headers.get('location'), requestId: res.headers.get('x-request-id'), body: json && text ? JSON.parse(text) : text }
}

beforeAll(async () => {
  google = await startFakeGoogle(CLIENT)
  const env = {
    DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY,
    GOOGLE_CLIENT_ID: CLIENT.clientId, GOOGLE_CLIENT_SECRET: CLIENT.clientSecret,
    GOOGLE_OAUTH_BASE_URL: google.url, GOOGLE_TOKEN_BASE_URL: google.url, GOOGLE_API_BASE_URL: google.url,
  }
  server = await startTestServer(env, { logFile: serverLog })
  cfg = googleConfigOf(loadConfig({ ...env, APP_URL: server.url }))!
  handle = dispatcher(calendarHandlers({ cfg }))
  ;[organiser] = await createUsers(1) as [TestUser]
  event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 3, seatsPerRow: 10, priceCents: 4500 }])
})

afterAll(async () => {
  await server?.stop()
  await google?.close()
})

async function connect(user: TestUser): Promise<void> {
  const start = await call('GET', '/api/integrations/google/connect', user.token)
  expect(start.status).toBe(302)
  const consent = new URL(start.location!)
  expect(consent.origin + consent.pathname).toBe(`${google.url}/o/oauth2/v2/auth`)
  const granted = await fetch(consent, { redirect: 'manual' })
  const callback = new URL(granted.headers.get('location')!)
  expect(callback.origin + callback.pathname).toBe(`${server.url}/api/integrations/google/callback`)
  const done = await call('GET', callback.pathname + callback.search)
  expect(done.status).toBe(302)
  expect(done.location).toBe('/account?google=connected')
}

async function book(user: TestUser): Promise<{ id: string, reference: string }> {
  const hold = await api('POST', '/api/holds', { token: user.token, body: { eventId: event.id, seatIds: [event.sections[0]!.placeIds[nextSeat++]!] } })
  const booking = await api('POST', '/api/bookings', { token: user.token, body: { holdId: hold.body.id } })
  expect(booking.status).toBe(201)
  return booking.body
}

async function deliver(routingKey: string, aggregateId: string): Promise<void> {
  const message = await outboxEnvelope(testDb(), routingKey, aggregateId)
  await handle(message, runtimeTools(testDb(), 'calendar-sync', message))
}

describe('connect and disconnect', () => {
  it('stores the tokens encrypted after the consent, and DELETE forgets and revokes them', async () => {
    const [me] = await createUsers(1) as [TestUser]
    await connect(me)
    const link = await testDb().googleCalendarLink.findUniqueOrThrow({ where: { userId: me.id } })
    const tokenCall = google.requests.findLast(r => r.path === '/token')!
    expect(tokenCall.body).toMatchObject({ grant_type: 'authorization_code', client_id: CLIENT.clientId })
    expect(link.accessTokenEnc).toMatch(/^v1\./)
    expect(link.accessTokenEnc).not.toContain('ya29')
    const refresh = decryptTokenFor(me.id, 'refresh', link.refreshTokenEnc!, ENCRYPTION_KEY)
    expect(refresh).toMatch(/^1\/\/fake-refresh/)
    expect(link.scope).toContain('calendar.events')

    expect((await call('DELETE', '/api/integrations/google', me.token)).status).toBe(204)
    expect(await testDb().googleCalendarLink.count({ where: { userId: me.id } })).toBe(0)
    expect(google.requests.some(r => r.path === '/revoke' && (r.query.token === refresh || (r.body as { token?: string })?.token === refresh))).toBe(true)
    expect((await call('DELETE', '/api/integrations/google', me.token)).status).toBe(204)
    expect(google.problems).toEqual([])
  })

  it('refuses a forged or someone else\'s state and needs a signed-in user to start', async () => {
    const [me, other] = await createUsers(2) as [TestUser, TestUser]
    expect((await call('GET', '/api/integrations/google/connect')).status).toBe(401)
    const forged = await call('GET', '/api/integrations/google/callback?code=x&state=not-a-jwt')
    expect(forged.location).toBe('/account?google=error')
    // The operator sees why, on a pino warning line that joins up with the request.
    // Polled: the server writes its log asynchronously, so the line may land just after the answer.
    const logged = () => readFileSync(serverLog, 'utf8').split('\n').flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>]
      } catch {
        return [] // not a JSON line, or one still being written
      }
    }).find(l => l.msg === 'Google connect failed')
    await expect.poll(logged).toMatchObject({ level: 40, role: 'web', reqId: forged.requestId, err: expect.any(String) })
    const start = await call('GET', '/api/integrations/google/connect', me.token)
    const granted = await fetch(start.location!, { redirect: 'manual' })
    const callback = new URL(granted.headers.get('location')!)
    // Another signed-in user may not complete my flow.
    const stolen = await call('GET', callback.pathname + callback.search, other.token)
    expect(stolen.location).toBe('/account?google=error')
    expect(await testDb().googleCalendarLink.count({ where: { userId: { in: [me.id, other.id] } } })).toBe(0)
    expect((await call('GET', '/api/integrations/google/callback?error=access_denied&state=x')).location).toBe('/account?google=denied')
  })

  it('answers 404 NOT_CONFIGURED where no Google client is set up', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const res = await api('GET', '/api/integrations/google/connect', { token: me.token })
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_CONFIGURED' })
  })
})

describe('calendar sync', () => {
  it('inserts, patches and deletes the booking\'s event as it is confirmed, changed and cancelled', async () => {
    const [me] = await createUsers(1) as [TestUser]
    await connect(me)
    const booking = await book(me)
    const id = googleEventIdFor(booking.id)
    const before = google.calendarCalls().length

    await deliver('booking.confirmed', booking.id)
    const entry = await testDb().calendarEntry.findUniqueOrThrow({ where: { userId_bookingId: { userId: me.id, bookingId: booking.id } } })
    expect(entry.googleEventId).toBe(id)
    const inserted = google.events.get(id)!
    expect(inserted).toMatchObject({
      summary: expect.stringMatching(/^Test event/), location: 'Test Hall, 1 Test Street, Testville',
      start: { timeZone: 'Europe/Berlin' }, end: { timeZone: 'Europe/Berlin' },
    })
    expect(inserted.description).toContain(booking.reference)
    expect(inserted.description).toContain(`${server.url}/bookings/${booking.id}`)

    const seat = event.sections[0]!.placeIds[nextSeat++]!
    expect((await api('PATCH', `/api/bookings/${booking.id}`, { token: me.token, body: { seatIds: [seat] } })).status).toBe(200)
    await deliver('booking.changed', booking.id)
    expect((await api('POST', `/api/bookings/${booking.id}/cancel`, { token: me.token })).status).toBe(200)
    await deliver('booking.cancelled', booking.id)

    expect(google.calendarCalls().slice(before)).toEqual([`insert ${id}`, `patch ${id}`, `delete ${id}`])
    expect(google.events.get(id)?.status).toBe('cancelled')
    expect(await testDb().calendarEntry.count({ where: { bookingId: booking.id } })).toBe(0)
    const link = await testDb().googleCalendarLink.findUniqueOrThrow({ where: { userId: me.id } })
    const access = decryptTokenFor(me.id, 'access', link.accessTokenEnc, ENCRYPTION_KEY)
    for (const r of google.requests.filter(r => r.path.includes(`/events`) && r.status! < 300).slice(-3)) {
      expect(r.authorization).toBe(`Bearer ${access}`)
      expect(r.path).toMatch(/^\/calendar\/v3\/calendars\/primary\/events/)
    }
    expect(google.problems).toEqual([])
  })

  it('a repeated insert (a crash before the entry was stored) adopts the existing event', async () => {
    const [me] = await createUsers(1) as [TestUser]
    await connect(me)
    const booking = await book(me)
    const message = await outboxEnvelope(testDb(), 'booking.confirmed', booking.id)
    await handle(message, { ...runtimeTools(testDb(), 'calendar-sync', message), tx: async () => { throw new Error('crash before commit') } }).catch(() => {})
    await handle(message, runtimeTools(testDb(), 'calendar-sync', message))
    const id = googleEventIdFor(booking.id)
    expect(google.calendarCalls().filter(c => c.endsWith(id))).toEqual([`insert ${id}`, `patch ${id}`])
    expect(await testDb().calendarEntry.count({ where: { bookingId: booking.id } })).toBe(1)
  })

  it('refreshes an expired access token and stores the new one encrypted', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const tokens = google.issueTokens({ expired: true })
    await storeNewLink(testDb(), me.id, { ...tokens, expiry_date: Date.now() - 60_000, scope: 'https://www.googleapis.com/auth/calendar.events' }, ENCRYPTION_KEY)
    const booking = await book(me)
    await deliver('booking.confirmed', booking.id)
    const link = await testDb().googleCalendarLink.findUniqueOrThrow({ where: { userId: me.id } })
    const access = decryptTokenFor(me.id, 'access', link.accessTokenEnc, ENCRYPTION_KEY)
    expect(access).toMatch(/^ya29\.fake-refreshed/)
    expect(link.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now())
    expect(google.events.has(googleEventIdFor(booking.id))).toBe(true)
  })

  it('follows event.updated and event.cancelled for every linked holder', async () => {
    const [owner, me] = await createUsers(2) as [TestUser, TestUser]
    await connect(me)
    const own = await createPublishedEvent(owner.id, [{ name: 'GA', kind: 'GA', capacity: 5, priceCents: 1000 }])
    const hold = await api('POST', '/api/holds', { token: me.token, body: { eventId: own.id, ga: [{ sectionId: own.sections[0]!.id, quantity: 1 }] } })
    const booking = (await api('POST', '/api/bookings', { token: me.token, body: { holdId: hold.body.id } })).body
    await deliver('booking.confirmed', booking.id)
    expect((await api('PATCH', `/api/events/${own.id}`, { token: owner.token, body: { venue: { name: 'New Venue' } } })).status).toBe(200)
    await deliver('event.updated', own.id)
    const id = googleEventIdFor(booking.id)
    expect(google.events.get(id)?.location).toMatch(/^New Venue/)
    expect((await api('POST', `/api/events/${own.id}/cancel`, { token: owner.token })).status).toBe(200)
    await deliver('event.cancelled', own.id)
    await deliver('booking.cancelled', booking.id)
    expect(google.calendarCalls().filter(c => c.endsWith(id))).toEqual([`insert ${id}`, `patch ${id}`, `delete ${id}`])
    expect(await testDb().calendarEntry.count({ where: { bookingId: booking.id } })).toBe(0)
  })

  it('a rate limit (429 or 403 rateLimitExceeded) throws so the runtime retries; the retry succeeds', async () => {
    const [me] = await createUsers(1) as [TestUser]
    await connect(me)
    const booking = await book(me)
    const message = await outboxEnvelope(testDb(), 'booking.confirmed', booking.id)
    for (const status of [429, 403] as const) {
      google.rateLimitNext(1, status)
      await expect(handle(message, runtimeTools(testDb(), `calendar-sync-${status}`, message))).rejects.toBeInstanceOf(GoogleRateLimitedError)
    }
    await handle(message, runtimeTools(testDb(), 'calendar-sync', message))
    expect(await testDb().calendarEntry.count({ where: { bookingId: booking.id } })).toBe(1)
  })

  it('a revoked grant (invalid_grant) unlinks the account and notifies the user', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const tokens = google.issueTokens({ expired: true })
    await storeNewLink(testDb(), me.id, { ...tokens, expiry_date: Date.now() - 60_000, scope: 'https://www.googleapis.com/auth/calendar.events' }, ENCRYPTION_KEY)
    google.revokeRefreshToken(tokens.refresh_token)
    const booking = await book(me)
    await deliver('booking.confirmed', booking.id)
    expect(await testDb().googleCalendarLink.count({ where: { userId: me.id } })).toBe(0)
    const list = await call('GET', '/api/notifications', me.token)
    expect(list.body.items).toEqual([expect.objectContaining({ kind: 'google.unlinked', link: `${server.url}/account` })])
    expect(google.events.has(googleEventIdFor(booking.id))).toBe(false)
  })

  it('does nothing for users without a link', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const booking = await book(me)
    const before = google.requests.length
    await deliver('booking.confirmed', booking.id)
    expect(google.requests.length).toBe(before)
  })
})

// Confirming, changing and cancelling bookings; idempotent retries; other users' resources are 404.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { api } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from '../support/fixtures.ts'

let organiser: TestUser
let event: TestEvent
let seats: string[]

beforeAll(async () => {
  [organiser] = await createUsers(1) as [TestUser]
  event = await createPublishedEvent(organiser.id, [
    { name: 'Stalls', kind: 'SEATED', rows: 3, seatsPerRow: 8, priceCents: 4500 },
    { name: 'Balcony', kind: 'SEATED', rows: 1, seatsPerRow: 8, priceCents: 3000 },
    { name: 'Standing', kind: 'GA', capacity: 50, priceCents: 2000 },
  ])
  seats = event.sections[0]!.placeIds
})

async function hold(user: TestUser, body: object, headers: Record<string, string> = {}) {
  return api('POST', '/api/holds', { token: user.token, body: { eventId: event.id, ...body }, headers })
}

async function book(user: TestUser, seatIds: string[]) {
  const h = await hold(user, { seatIds })
  expect(h.status).toBe(201)
  const b = await api('POST', '/api/bookings', { token: user.token, body: { holdId: h.body.id } })
  expect(b.status).toBe(201)
  return b.body
}

describe('POST /api/bookings', () => {
  it('confirms a hold into a booking with one unguessable ticket per place', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const h = await hold(me, { seatIds: seats.slice(0, 2), ga: [{ sectionId: event.sections[2]!.id, quantity: 1 }] })
    const res = await api('POST', '/api/bookings', { token: me.token, body: { holdId: h.body.id } })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ status: 'CONFIRMED', total: { amountCents: 11000, currency: 'EUR' }, payment: { provider: 'pay_at_venue', status: 'DUE_AT_VENUE' } })
    expect(res.body.reference).toMatch(/^BK-[0-9A-Z]{6}$/)
    expect(res.body.tickets).toHaveLength(3)
    for (const t of res.body.tickets) expect(t.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
    const outbox = await testDb().outboxMessage.findMany({ where: { routingKey: 'booking.confirmed', aggregateId: res.body.id } })
    expect(outbox).toHaveLength(1)
    const svg = await api('GET', `/api/bookings/${res.body.id}/tickets/${res.body.tickets[0].id}/qr.svg`, { token: me.token })
    expect(svg.status).toBe(200)
    expect(svg.headers.get('content-type')).toContain('image/svg+xml')
    expect(String(svg.body)).toContain('<svg')
  })

  it('books a hold once even when confirmed twice at the same moment', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const h = await hold(me, { seatIds: [seats[5]!] })
    const results = await Promise.all([1, 2, 3].map(() => api('POST', '/api/bookings', { token: me.token, body: { holdId: h.body.id } })))
    expect(results.map(r => r.status).sort()).toEqual([201, 409, 409])
    expect(await testDb().booking.count({ where: { holdId: h.body.id } })).toBe(1)
  })

  it('replays the first answer for a retried Idempotency-Key and never books twice', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const key = randomUUID()
    const h = await hold(me, { seatIds: [seats[6]!] })
    const headers = { 'idempotency-key': key }
    const [a, b] = await Promise.all([1, 2].map(() => api('POST', '/api/bookings', { token: me.token, body: { holdId: h.body.id }, headers })))
    const replay = await api('POST', '/api/bookings', { token: me.token, body: { holdId: h.body.id }, headers })
    const ok = [a!, b!].filter(r => r.status === 201)
    expect(ok.length).toBeGreaterThanOrEqual(1)
    expect(replay.status).toBe(201)
    expect(replay.headers.get('idempotent-replayed')).toBe('true')
    expect(replay.body.id).toBe(ok[0]!.body.id)
    expect(await testDb().booking.count({ where: { userId: me.id } })).toBe(1)
    const reused = await api('POST', '/api/bookings', { token: me.token, body: { holdId: randomUUID() }, headers })
    expect(reused.status).toBe(409)
  })

  it('replays a hold answer for a retried Idempotency-Key', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const headers = { 'idempotency-key': 'hold-retry-1' }
    const first = await hold(me, { seatIds: [seats[7]!] }, headers)
    const second = await hold(me, { seatIds: [seats[7]!] }, headers)
    expect(second.status).toBe(201)
    expect(second.body.id).toBe(first.body.id)
    expect(await testDb().hold.count({ where: { userId: me.id } })).toBe(1)
  })
})

describe('PATCH /api/bookings/:id', () => {
  it('moves to new seats atomically, or changes nothing', async () => {
    const [me, other] = await createUsers(2) as [TestUser, TestUser]
    const booking = await book(me, [seats[8]!, seats[9]!])
    const taken = (await book(other, [seats[12]!])).tickets[0].placeId
    const refused = await api('PATCH', `/api/bookings/${booking.id}`, { token: me.token, body: { seatIds: [seats[10]!, taken] } })
    expect(refused.status).toBe(409)
    expect(refused.body.details.unavailable).toEqual([taken])
    const unchanged = await api('GET', `/api/bookings/${booking.id}`, { token: me.token })
    expect(unchanged.body.tickets.map((t: { placeId: string }) => t.placeId).sort()).toEqual([seats[8]!, seats[9]!].sort())
    expect(await testDb().place.findUnique({ where: { id: seats[10]! } })).toMatchObject({ bookingId: null })

    const balcony = event.sections[1]!.placeIds[0]!
    const moved = await api('PATCH', `/api/bookings/${booking.id}`, { token: me.token, body: { seatIds: [seats[9]!, balcony] } })
    expect(moved.status).toBe(200)
    expect(moved.body.tickets.map((t: { placeId: string }) => t.placeId).sort()).toEqual([seats[9]!, balcony].sort())
    expect(moved.body.total.amountCents).toBe(4500 + 3000)
    expect(await testDb().place.findUnique({ where: { id: seats[8]! } })).toMatchObject({ bookingId: null })
    const voided = await testDb().ticket.count({ where: { bookingId: booking.id, voidedAt: { not: null } } })
    expect(voided).toBe(1)
  })
})

describe('POST /api/bookings/:id/cancel', () => {
  it('frees the places at once and voids the tickets; a second cancel changes nothing', async () => {
    const [me, next] = await createUsers(2) as [TestUser, TestUser]
    const booking = await book(me, [seats[14]!])
    const res = await api('POST', `/api/bookings/${booking.id}/cancel`, { token: me.token })
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('CANCELLED')
    expect(res.body.tickets.every((t: { valid: boolean }) => !t.valid)).toBe(true)
    expect((await hold(next, { seatIds: [seats[14]!] })).status).toBe(201)
    expect((await api('POST', `/api/bookings/${booking.id}/cancel`, { token: me.token })).status).toBe(200)
    expect(await testDb().outboxMessage.count({ where: { routingKey: 'booking.cancelled', aggregateId: booking.id } })).toBe(1)
  })
})

describe('another user\'s holds and bookings', () => {
  it('are 404 on every route, never 403, and stay untouched', async () => {
    const [owner, intruder] = await createUsers(2) as [TestUser, TestUser]
    const booking = await book(owner, [seats[16]!])
    const h = await hold(owner, { seatIds: [seats[17]!] })
    const t = intruder.token
    const attempts = [
      api('GET', `/api/holds/${h.body.id}`, { token: t }),
      api('DELETE', `/api/holds/${h.body.id}`, { token: t }),
      api('POST', `/api/holds/${h.body.id}/extend`, { token: t }),
      api('POST', '/api/bookings', { token: t, body: { holdId: h.body.id } }),
      api('GET', `/api/bookings/${booking.id}`, { token: t }),
      api('PATCH', `/api/bookings/${booking.id}`, { token: t, body: { seatIds: [seats[18]!] } }),
      api('POST', `/api/bookings/${booking.id}/cancel`, { token: t }),
      api('GET', `/api/bookings/${booking.id}/tickets/${booking.tickets[0].id}/qr.svg`, { token: t }),
    ]
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404)
      expect(res.body.code).toBe('NOT_FOUND')
    }
    expect((await api('GET', '/api/bookings', { token: t })).body.total).toBe(0)
    expect((await api('GET', `/api/holds/${h.body.id}`, { token: owner.token })).body.status).toBe('ACTIVE')
    expect((await api('GET', `/api/bookings/${booking.id}`, { token: owner.token })).body.status).toBe('CONFIRMED')
  })

  it('require signing in', async () => {
    expect((await api('POST', '/api/holds', { body: { eventId: event.id, seatIds: [seats[20]!] } })).status).toBe(401)
    expect((await api('GET', '/api/bookings')).status).toBe(401)
  })
})

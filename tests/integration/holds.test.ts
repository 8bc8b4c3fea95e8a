// Invariant 1 under real concurrency: the database decides who gets each place.
import { beforeAll, describe, expect, it } from 'vitest'
import { createHold } from '../../server/domain/holds/create-hold.ts'
import { REFUSAL_MEMO_TTL_MS } from '../../server/domain/holds/refusal-memo.ts'
import { api, baseUrl } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { testAfterCommit } from '../support/after-commit.ts'

let organiser: TestUser

beforeAll(async () => {
  [organiser] = await createUsers(1) as [TestUser]
})

function statuses(results: { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1
  return counts
}

async function heldPlaces(eventId: string): Promise<number> {
  return testDb().place.count({ where: { eventId, holdId: { not: null }, heldUntil: { gt: new Date() } } })
}

describe('POST /api/holds under contention', () => {
  it('gives exactly 25 of 300 simultaneous buyers a place in a 25-place GA section', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 25 }])
    const buyers = await createUsers(300)
    const sectionId = event.sections[0]!.id
    const results = await Promise.all(buyers.map(b => api('POST', '/api/holds', { token: b.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 1 }] } })))
    expect(statuses(results)).toEqual({ 201: 25, 409: 275 })
    for (const r of results.filter(r => r.status === 409)) expect(['SOLD_OUT', 'SEATS_UNAVAILABLE']).toContain(r.body.code)
    expect(await heldPlaces(event.id)).toBe(25)
    const holds = await testDb().hold.findMany({ where: { eventId: event.id, status: 'ACTIVE' }, include: { items: true } })
    expect(holds).toHaveLength(25)
    expect(new Set(holds.flatMap(h => h.items.map(i => i.placeId))).size).toBe(25)
  })

  it('lets exactly one of 50 buyers of the same 3 seats win', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 5 }])
    const seats = event.sections[0]!.placeIds.slice(0, 3)
    const buyers = await createUsers(50)
    const results = await Promise.all(buyers.map(b => api('POST', '/api/holds', { token: b.token, body: { eventId: event.id, seatIds: seats } })))
    expect(statuses(results)).toEqual({ 201: 1, 409: 49 })
    const loser = results.find(r => r.status === 409)!
    expect(loser.body).toMatchObject({ code: 'SEATS_UNAVAILABLE' })
    expect([...loser.body.details.unavailable].sort()).toEqual([...seats].sort())
    expect(await heldPlaces(event.id)).toBe(3)
  })

  it('never splits overlapping seat sets: each winner holds all it asked for, no seat twice', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 6 }])
    const seats = event.sections[0]!.placeIds
    const buyers = await createUsers(40)
    const wants = buyers.map((_, i) => [seats[i % 12]!, seats[(i + 1) % 12]!, seats[(i + 5) % 12]!])
    const results = await Promise.all(buyers.map((b, i) => api('POST', '/api/holds', { token: b.token, body: { eventId: event.id, seatIds: wants[i] } })))
    expect(results.every(r => r.status === 201 || r.status === 409)).toBe(true)
    const winners = results.flatMap((r, i) => (r.status === 201 ? [i] : []))
    expect(winners.length).toBeGreaterThan(0)
    const claimed = winners.flatMap(i => wants[i]!)
    expect(new Set(claimed).size).toBe(claimed.length)
    for (const i of winners) expect(results[i]!.body.items.map((it: { placeId: string }) => it.placeId).sort()).toEqual([...wants[i]!].sort())
    expect(await heldPlaces(event.id)).toBe(claimed.length)
  })

  it('makes an expired hold claimable at once, before any job runs', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 4 }])
    const seat = event.sections[0]!.placeIds[0]!
    const [first, second] = await createUsers(2) as [TestUser, TestUser]
    const held = await api('POST', '/api/holds', { token: first.token, body: { eventId: event.id, seatIds: [seat] } })
    expect(held.status).toBe(201)
    expect((await api('POST', '/api/holds', { token: second.token, body: { eventId: event.id, seatIds: [seat] } })).status).toBe(409)
    // Time is moved by backdating the hold. The database sees it at once: the claim itself, called
    // right away (the server's refusal memo never outlives a real expiry, see refusal-memo.test.ts,
    // but cannot know of an expiry moved behind its back).
    const past = new Date(Date.now() - 1000)
    await testDb().hold.update({ where: { id: held.body.id }, data: { expiresAt: past } })
    await testDb().place.updateMany({ where: { holdId: held.body.id }, data: { heldUntil: past } })
    const after = testAfterCommit(testDb())
    const claimed = await createHold(testDb(), after.effects, second.id, { eventId: event.id, seatIds: [seat], ga: [] }).finally(() => after.close())
    expect(claimed.items.map(i => i.placeId)).toEqual([seat])
    expect((await api('GET', `/api/holds/${held.body.id}`, { token: first.token })).body.status).toBe('EXPIRED')
    expect((await api('POST', '/api/bookings', { token: first.token, body: { holdId: held.body.id } })).body.code).toBe('HOLD_EXPIRED')
  })

  it('refuses a taken seat from memory, never past a second, never to its holder, and forgets on release', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 4 }])
    const [seat, other] = event.sections[0]!.placeIds as [string, string]
    const [first, second] = await createUsers(2) as [TestUser, TestUser]
    const claim = (user: TestUser, seatIds: string[]) => api('POST', '/api/holds', { token: user.token, body: { eventId: event.id, seatIds } })
    const memoRefusals = async () => Number((await (await fetch(`${baseUrl()}/metrics`)).text()).match(/^bookify_hold_refusals_from_memo_total(?:{[^}]*})? (\d+)/m)?.[1] ?? 0)
    const before = await memoRefusals()
    const held = await claim(first, [seat])
    expect(held.status).toBe(201)
    // The server remembers the seat it just granted: the next buyers are refused without the database,
    // with the same answer the database gives.
    for (let i = 0; i < 3; i++) {
      const refused = await claim(second, [seat, other])
      expect(refused.status).toBe(409)
      expect(refused.body).toMatchObject({ code: 'SEATS_UNAVAILABLE', details: { unavailable: [seat] } })
    }
    expect(await memoRefusals()).toBeGreaterThan(before)
    // Behind the server's back the hold lapses; after the memo's lifetime the seat is claimable.
    const past = new Date(Date.now() - 1000)
    await testDb().place.updateMany({ where: { holdId: held.body.id }, data: { heldUntil: past } })
    await testDb().hold.update({ where: { id: held.body.id }, data: { expiresAt: past } })
    await new Promise(r => setTimeout(r, REFUSAL_MEMO_TTL_MS + 50))
    const regained = await claim(second, [seat])
    expect(regained.status).toBe(201)
    // The holder is never refused their own seat from memory: asking for it plus another replaces the hold.
    const grown = await claim(second, [seat, other])
    expect(grown.status).toBe(201)
    // A release is announced, and the memo forgets the event at once.
    expect((await claim(first, [seat])).status).toBe(409)
    expect((await api('DELETE', `/api/holds/${grown.body.id}`, { token: second.token })).status).toBe(204)
    expect((await claim(first, [seat])).status).toBe(201)
  })

  it('replaces the caller\'s previous hold on the same event, and keeps it when the new one fails', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 6 }])
    const [a, b, c] = event.sections[0]!.placeIds as [string, string, string]
    const [me, other] = await createUsers(2) as [TestUser, TestUser]
    const first = await api('POST', '/api/holds', { token: me.token, body: { eventId: event.id, seatIds: [a] } })
    await api('POST', '/api/holds', { token: other.token, body: { eventId: event.id, seatIds: [c] } })
    const refused = await api('POST', '/api/holds', { token: me.token, body: { eventId: event.id, seatIds: [b, c] } })
    expect(refused.status).toBe(409)
    expect((await api('GET', `/api/holds/${first.body.id}`, { token: me.token })).body.status).toBe('ACTIVE')
    const second = await api('POST', '/api/holds', { token: me.token, body: { eventId: event.id, seatIds: [b] } })
    expect(second.status).toBe(201)
    expect((await api('GET', `/api/holds/${first.body.id}`, { token: me.token })).body.status).toBe('RELEASED')
    expect(await testDb().place.findUnique({ where: { id: a } })).toMatchObject({ holdId: null })
  })

  it('extends once, releases, and refuses bad requests with 400', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 20 }], { holdMinutes: 5 })
    const [me] = await createUsers(1) as [TestUser]
    const sectionId = event.sections[0]!.id
    const hold = await api('POST', '/api/holds', { token: me.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 2 }] } })
    expect(hold.status).toBe(201)
    expect(hold.body.total).toEqual({ amountCents: 5000, currency: 'EUR' })
    const extended = await api('POST', `/api/holds/${hold.body.id}/extend`, { token: me.token })
    expect(extended.status).toBe(200)
    expect(Date.parse(extended.body.expiresAt) - Date.parse(hold.body.expiresAt)).toBe(5 * 60_000)
    expect(extended.body.canExtend).toBe(false)
    expect((await api('POST', `/api/holds/${hold.body.id}/extend`, { token: me.token })).status).toBe(409)
    expect((await api('DELETE', `/api/holds/${hold.body.id}`, { token: me.token })).status).toBe(204)
    expect(await heldPlaces(event.id)).toBe(0)
    for (const body of [{ eventId: event.id }, { eventId: event.id, ga: [{ sectionId, quantity: 11 }] }, { eventId: 'nope', seatIds: [] }, { eventId: event.id, seatIds: Array(11).fill(sectionId) }]) {
      const res = await api('POST', '/api/holds', { token: me.token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('VALIDATION_FAILED')
    }
  })
})

// The waiting room as buyers meet it (issue 17): a fair draw of the pre-queue, admission tokens
// that only their owner can use, admissions bounded by the places free, a room that closes and
// says so at sell-out, and one queue shared by several web instances.
import { createHmac, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { api } from '../support/http.ts'
import { createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { fixSeed, holdGa, join, QueueStream, roomEvent, statusOf, until, type Status } from '../support/queue-world.ts'
import { entryHashOf } from '../../server/domain/queue/fairness.ts'
import { testDatabaseUrl } from '../support/lane.ts'

let organiser: TestUser
const streams: QueueStream[] = []

beforeAll(async () => {
  [organiser] = await createUsers(1) as [TestUser]
})
afterAll(() => streams.forEach(s => s.close()))

const admitted = (s: Status) => s.state === 'ADMITTED' && !!s.admissionToken

/** Spearman's rank correlation of two rankings of the same n items (1-based ranks). */
function spearman(a: number[], b: number[]): number {
  const n = a.length
  const d2 = a.reduce((sum, x, i) => sum + (x - b[i]!) ** 2, 0)
  return 1 - (6 * d2) / (n * (n * n - 1))
}

describe('waiting room', () => {
  it('draws the pre-queue as a permutation independent of arrival, and the proof recomputes it', { timeout: 60_000 }, async () => {
    const BUYERS = 150
    const buyers = await createUsers(BUYERS)
    const event = await roomEvent(organiser, 5, { startsInMs: 8_000 })
    const before = await api('GET', `/api/events/${event.id}/queue/proof`)
    expect(before.status).toBe(200)
    expect(before.body.seed).toBeUndefined()
    // A fixed seed: the draw is the same on every run, so this statistical check cannot flake.
    const seed = await fixSeed(event.id, 'waiting-room-fairness-1')
    // Buyers arrive one after another, so arrival order is known exactly.
    for (const buyer of buyers) {
      const res = await join(event.id, buyer)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body).toMatchObject({ state: 'WAITING', position: null, preQueue: true })
    }
    const proof = await until('the draw', () => api('GET', `/api/events/${event.id}/queue/proof`), r => r.body.seed !== undefined, 20_000)
    expect(proof.body.seed).toBe(seed)
    const order: string[] = proof.body.order
    // A permutation of exactly the buyers who joined before the start.
    const hashes = buyers.map(b => entryHashOf(event.id, b.id))
    expect([...order].sort()).toEqual([...hashes].sort())
    // Recomputed by hand from the published algorithm: sort entry hashes by HMAC-SHA256(seed, hash).
    const key = (h: string) => createHmac('sha256', Buffer.from(seed, 'hex')).update(h).digest('hex')
    expect([...hashes].sort((x, y) => key(x).localeCompare(key(y)))).toEqual(order)
    // Each buyer's position is where the proof puts them.
    const positions = await Promise.all(buyers.map(async b => (await statusOf(event.id, b)).body.position as number))
    buyers.forEach((b, i) => expect(positions[i]).toBe(order.indexOf(hashes[i]!) + 1))
    // Independent of arrival: rank correlation near 0 (|rho| < 0.25 is > 3 standard errors at n=150),
    // and the first tenth of arrivals is not ahead of the rest on average.
    const rho = spearman(buyers.map((_, i) => i + 1), positions)
    expect(Math.abs(rho)).toBeLessThan(0.25)
    const early = positions.slice(0, BUYERS / 10)
    const mean = early.reduce((s, p) => s + p, 0) / early.length
    expect(mean).toBeGreaterThan(BUYERS * 0.3)
  })

  it('refuses holds without a token while the room is active, and another buyer\'s token; allows them once the room is off', { timeout: 60_000 }, async () => {
    const [a, b] = await createUsers(2) as [TestUser, TestUser]
    const event = await roomEvent(organiser, 10, { startsInMs: 500 })
    const without = await holdGa(event, a)
    expect(without.status).toBe(403)
    expect(without.body).toMatchObject({ statusCode: 403, code: 'QUEUE_REQUIRED' })
    await join(event.id, a)
    const aIn = await until('a admitted', () => statusOf(event.id, a), r => admitted(r.body))
    const token = aIn.body.admissionToken!
    // Someone else's token, and a forged one, are refused.
    const stolen = await holdGa(event, b, token)
    expect(stolen.status).toBe(403)
    expect(stolen.body.code).toBe('QUEUE_REQUIRED')
    expect((await holdGa(event, b, `${token.slice(0, -4)}AAAA`)).status).toBe(403)
    // The owner's token works; and not on another event.
    const other = await roomEvent(organiser, 3, { startsInMs: 0 })
    expect((await holdGa(other, a, token)).status).toBe(403)
    const held = await holdGa(event, a, token)
    expect(held.status, JSON.stringify(held.body)).toBe(201)
    // Room turned off by the organiser: holds go straight through.
    const off = await api('PATCH', `/api/events/${event.id}`, { token: organiser.token, body: { waitingRoom: { enabled: false } } })
    expect(off.status).toBe(200)
    expect(off.body.waitingRoom).toMatchObject({ enabled: false, phase: 'CLOSED' })
    expect((await holdGa(event, b)).status).toBe(201)
  })

  it('never admits more buyers than there are places free', { timeout: 60_000 }, async () => {
    const PLACES = 4
    const buyers = await createUsers(20)
    const event = await roomEvent(organiser, PLACES, { startsInMs: 1_000 })
    for (const buyer of buyers) await join(event.id, buyer)
    const count = async () => (await Promise.all(buyers.map(b => statusOf(event.id, b)))).map(r => r.body)
    let statuses = await until('first admissions', count, s => s.filter(admitted).length > 0)
    // Several ticks pass: still never more admitted than places.
    for (let i = 0; i < 6; i++) {
      expect(statuses.filter(admitted).length).toBeLessThanOrEqual(PLACES)
      await new Promise(r => setTimeout(r, 300))
      statuses = await count()
    }
    expect(statuses.filter(admitted).length).toBe(PLACES)
    // Two admitted buyers book: the places they took are no longer free, so nobody else is let in…
    const inNow = buyers.filter((_, i) => admitted(statuses[i]!))
    for (const buyer of inNow.slice(0, 2)) {
      const token = statuses[buyers.indexOf(buyer)]!.admissionToken!
      const hold = await holdGa(event, buyer, token)
      expect(hold.status).toBe(201)
      expect((await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: hold.body.id } })).status).toBe(201)
    }
    await new Promise(r => setTimeout(r, 1_500))
    expect((await count()).filter(s => s.state === 'ADMITTED').length).toBe(PLACES)
    // …and the organiser's view agrees.
    const overview = await api('GET', `/api/organiser/events/${event.id}/queue`, { token: organiser.token })
    expect(overview.status).toBe(200)
    expect(overview.body).toMatchObject({ phase: 'SELLING', length: 20, admitted: PLACES, placesLeft: PLACES - 2 })
    expect((await api('GET', `/api/organiser/events/${event.id}/queue`, { token: buyers[0]!.token })).status).toBe(404)
  })

  it('closes at sell-out and tells everybody still waiting at once, offering the waitlist', { timeout: 60_000 }, async () => {
    const PLACES = 3
    const buyers = await createUsers(10)
    const event = await roomEvent(organiser, PLACES, { startsInMs: 500 })
    for (const buyer of buyers) await join(event.id, buyer)
    const statuses = await until('admissions', () => Promise.all(buyers.map(async b => (await statusOf(event.id, b)).body)), s => s.filter(admitted).length === PLACES)
    const waiting = buyers.filter((_, i) => statuses[i]!.state === 'WAITING')
    expect(waiting).toHaveLength(buyers.length - PLACES)
    const open = await Promise.all(waiting.map(b => QueueStream.open(event.id, b)))
    streams.push(...open)
    for (const s of open) await s.waitFor(m => m.state === 'WAITING')
    for (const [i, buyer] of buyers.entries()) {
      if (!admitted(statuses[i]!)) continue
      const hold = await holdGa(event, buyer, statuses[i]!.admissionToken)
      expect(hold.status).toBe(201)
      expect((await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: hold.body.id } })).status).toBe(201)
    }
    const told = await Promise.all(open.map(s => s.waitFor(m => m.state === 'CLOSED', 10_000)))
    for (const message of told) expect(message).toMatchObject({ state: 'CLOSED', closedReason: 'SOLD_OUT', waitlist: true, placesLeft: 0 })
    expect((await statusOf(event.id, waiting[0]!)).body.state).toBe('CLOSED')
    // Closed: a hold needs no token any more (and is simply sold out); the waitlist takes them.
    const after = await holdGa(event, waiting[0]!)
    expect(after.status).toBe(409)
    expect(after.body.code).toBe('SOLD_OUT')
    expect((await api('POST', `/api/events/${event.id}/waitlist`, { token: waiting[0]!.token, body: { quantity: 1 } })).status).toBe(201)
  })

  it('shows a waiting buyer their place falling over SSE, and the token when their turn comes', { timeout: 60_000 }, async () => {
    const buyers = await createUsers(4)
    const event = await roomEvent(organiser, 10, { startsInMs: 800, admitPerMinute: 60 })
    for (const buyer of buyers) await join(event.id, buyer)
    await until('draw', () => statusOf(event.id, buyers[0]!), r => r.body.position !== null)
    const last = buyers[(await Promise.all(buyers.map(async b => (await statusOf(event.id, b)).body.position))).indexOf(4)]!
    const stream = await QueueStream.open(event.id, last)
    streams.push(stream)
    const aheads = new Set<number>()
    const turn = await stream.waitFor((m) => {
      if (m.ahead !== null && m.state === 'WAITING') aheads.add(m.ahead)
      return admitted(m)
    }, 20_000)
    expect(aheads.size).toBeGreaterThanOrEqual(2)
    expect(Math.min(...aheads)).toBe(0)
    expect(Date.parse(turn.admittedUntil!)).toBeGreaterThan(Date.now() + 9 * 60_000)
    expect((await holdGa(event, last, turn.admissionToken)).status).toBe(201)
  })

  it('answers 409 before the room opens and 404 for events without a room', async () => {
    const [buyer] = await createUsers(1) as [TestUser]
    const event = await roomEvent(organiser, 2, { startsInMs: 3_600_000 })
    await testDb().waitingRoom.update({ where: { eventId: event.id }, data: { opensAt: new Date(Date.now() + 1_800_000) } })
    await api('PATCH', `/api/events/${event.id}`, { token: organiser.token, body: { waitingRoom: { admitPerMinute: 5 } } })
    const early = await join(event.id, buyer)
    expect(early.status).toBe(409)
    const plain = await roomEvent(organiser, 2)
    await api('PATCH', `/api/events/${plain.id}`, { token: organiser.token, body: { waitingRoom: { enabled: false } } })
    expect((await statusOf(plain.id, buyer)).status).toBe(404)
    expect((await api('GET', '/api/events/not-a-uuid/queue/proof')).status).toBe(404)
  })
})

describe('two web instances', () => {
  let second: RunningServer
  beforeAll(async () => {
    second = await startServer({ DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url') })
  }, 90_000)
  afterAll(() => second?.stop())

  it('share one queue: joins on either make one line, and either answers each buyer the same', { timeout: 60_000 }, async () => {
    const buyers = await createUsers(30)
    const event = await roomEvent(organiser, 5, { startsInMs: 2_500 })
    // Both instances know the room (the second heard of it over pub/sub).
    const [outsider] = await createUsers(1) as [TestUser]
    await until('second instance knows the room', () => statusOf(event.id, outsider, second.url), r => r.body.details?.reason === 'NOT_IN_QUEUE', 5_000)
    expect((await holdGa(event, outsider, undefined, second.url)).status).toBe(403)
    await Promise.all(buyers.map((b, i) => join(event.id, b, i % 2 ? second.url : undefined)))
    await until('draw', () => statusOf(event.id, buyers[0]!), r => r.body.position !== null)
    const fromFirst = await Promise.all(buyers.map(async b => (await statusOf(event.id, b)).body.position))
    const fromSecond = await Promise.all(buyers.map(async b => (await statusOf(event.id, b, second.url)).body.position))
    expect(fromSecond).toEqual(fromFirst)
    expect([...fromFirst].sort((x, y) => x! - y!)).toEqual(buyers.map((_, i) => i + 1))
    // One admitter for both: exactly the places, whichever instance is asked.
    const states = await until('admissions', () => Promise.all(buyers.map(async (b, i) => (await statusOf(event.id, b, i % 2 ? second.url : undefined)).body)), s => s.filter(admitted).length === 5)
    await new Promise(r => setTimeout(r, 1_000))
    expect((await Promise.all(buyers.map(async b => (await statusOf(event.id, b, second.url)).body))).filter(admitted)).toHaveLength(5)
    // A token from one instance works on the other.
    const i = states.findIndex(admitted)
    expect((await holdGa(event, buyers[i]!, states[i]!.admissionToken, second.url)).status).toBe(201)
  })
})

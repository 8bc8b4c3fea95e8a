// GET /api/events/:id/live: availability pushed to every viewer within a second of a change.
import { randomBytes } from 'node:crypto'
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import { api, baseUrl } from '../support/http.ts'
import { startTestServer } from '../support/test-server.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { testDatabaseUrl } from '../support/lane.ts'
import { LiveClient } from '../support/live-client.ts'

let organiser: TestUser
let buyer: TestUser
const open: LiveClient[] = []

beforeAll(async () => {
  [organiser, buyer] = await createUsers(2) as [TestUser, TestUser]
})
afterEach(() => open.splice(0).forEach(c => c.close()))

async function connect(eventId: string, token?: string, server?: string): Promise<LiveClient> {
  const client = await LiveClient.open(server ?? baseUrl(), eventId, token)
  open.push(client)
  return client
}

describe('GET /api/events/:id/live', () => {
  it('starts with the counts now, then pushes a held seat to two viewers within a second', async () => {
    const event = await createPublishedEvent(organiser.id, [
      { name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 5 },
      { name: 'Floor', kind: 'GA', capacity: 20 },
    ])
    const [stalls, floor] = event.sections as [typeof event.sections[0], typeof event.sections[0]]
    const viewers = await Promise.all([connect(event.id), connect(event.id)])
    for (const viewer of viewers) {
      const first = await viewer.waitFor(() => true, 2_000)
      expect(first).toEqual({
        eventId: event.id, available: 30, total: 30, changes: [],
        sections: expect.arrayContaining([{ id: stalls.id, available: 10 }, { id: floor.id, available: 20 }]),
      })
    }

    const seat = stalls.placeIds[3]!
    const sentAt = Date.now()
    const hold = await api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, seatIds: [seat] } })
    expect(hold.status).toBe(201)
    const received = await Promise.all(viewers.map(v => v.waitFor(m => m.changes.some(c => c.placeId === seat), 1_000)))
    expect(Date.now() - sentAt).toBeLessThan(1_000)
    for (const message of received) {
      expect(message.changes).toContainEqual({ placeId: seat, status: 'HELD' })
      expect(message.available).toBe(29)
      expect(message.sections).toContainEqual({ id: stalls.id, available: 9 })
    }
  })

  it('coalesces a burst of changes and ends on the right counts', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 30 }])
    const buyers = await createUsers(8)
    const viewer = await connect(event.id)
    await viewer.waitFor(() => true, 2_000)
    const sectionId = event.sections[0]!.id
    await Promise.all(buyers.map(b => api('POST', '/api/holds', { token: b.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 2 }] } })))
    // A recount may already see holds whose announcements are still on their way: wait for all 16.
    const changed = () => new Set(viewer.messages.flatMap(m => m.changes.map(c => c.placeId))).size
    await viewer.waitFor(() => changed() === 16, 2_000)
    const updates = viewer.messages.slice(1)
    expect(updates.at(-1)).toMatchObject({ available: 14, sections: [{ id: sectionId, available: 14 }] })
    expect(updates.flatMap(m => m.changes).every(c => c.status === 'HELD')).toBe(true)
    // Eight announcements within a few ms need far fewer recounts than announcements.
    expect(updates.length).toBeLessThan(8)
  })

  it('announces the seats a replaced hold let go of: viewers on every instance see them free, and another instance grants them at once', { timeout: 60_000 }, async () => {
    // A second web instance whose refusal memo would remember a refused seat for 10 s unless told.
    const second = await startTestServer({ DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'), REFUSAL_MEMO_MS: '10000' })
    try {
      const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 4 }])
      const [first, next] = event.sections[0]!.placeIds as [string, string]
      const [holder, other] = await createUsers(2) as [TestUser, TestUser]
      const viewers = await Promise.all([connect(event.id), connect(event.id, undefined, second.url)])
      for (const viewer of viewers) await viewer.waitFor(() => true, 2_000)

      expect((await api('POST', '/api/holds', { token: holder.token, body: { eventId: event.id, seatIds: [first] } })).status).toBe(201)
      const refused = await fetch(`${second.url}/api/holds`, { method: 'POST', headers: { 'content-type': 'application/json', 'authorization': `Bearer ${other.token}` }, body: JSON.stringify({ eventId: event.id, seatIds: [first] }) })
      expect(refused.status).toBe(409) // and the second instance now remembers the seat as taken

      // The holder changes their mind: the new hold replaces the old one, which lets the first seat go.
      const sentAt = Date.now()
      expect((await api('POST', '/api/holds', { token: holder.token, body: { eventId: event.id, seatIds: [next] } })).status).toBe(201)
      const freed = await Promise.all(viewers.map(v => v.waitFor(m => m.changes.some(c => c.placeId === first && c.status === 'AVAILABLE'), 1_000)))
      expect(Date.now() - sentAt).toBeLessThan(1_000)
      for (const message of freed) expect(message.available).toBe(3)
      const seats = await api('GET', `/api/events/${event.id}/seats`)
      const statusOf = (id: string) => seats.body.sections[0].rows.flatMap((r: { seats: { id: string, status: string }[] }) => r.seats).find((x: { id: string }) => x.id === id)?.status
      expect([statusOf(first), statusOf(next)]).toEqual(['AVAILABLE', 'HELD'])

      // The other instance forgot the seat the moment it heard: the buyer it refused gets it now.
      const granted = await fetch(`${second.url}/api/holds`, { method: 'POST', headers: { 'content-type': 'application/json', 'authorization': `Bearer ${other.token}` }, body: JSON.stringify({ eventId: event.id, seatIds: [first] }) })
      expect(granted.status).toBe(201)
      expect(Date.now() - sentAt).toBeLessThan(10_000)
    } finally {
      await second.stop()
    }
  })

  it('answers 404 for a draft, except to its organiser', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 5 }])
    await testDb().event.update({ where: { id: event.id }, data: { status: 'DRAFT', publishedAt: null } })
    const anonymous = await fetch(`${baseUrl()}/api/events/${event.id}/live`)
    expect(anonymous.status).toBe(404)
    expect((await anonymous.json()).code).toBe('NOT_FOUND')
    const stranger = await fetch(`${baseUrl()}/api/events/${event.id}/live`, { headers: { authorization: `Bearer ${buyer.token}` } })
    expect(stranger.status).toBe(404)
    const own = await connect(event.id, organiser.token)
    expect((await own.waitFor(() => true, 2_000)).total).toBe(5)
  })

  it('answers 404 for an unknown event id', async () => {
    const res = await fetch(`${baseUrl()}/api/events/00000000-0000-4000-8000-000000000000/live`)
    expect(res.status).toBe(404)
  })
})

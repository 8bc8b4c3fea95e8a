// Invariant 2: losing all of Redis loses no booking, hold or waitlist position. A private server on a
// private Redis runs a sale that sells out; Redis is flushed (FLUSHALL) while holds, bookings and
// waitlist joins are in flight. Afterwards every answer the buyers were given is still true, and the
// holds whose BullMQ expiry jobs were flushed away still expire: lazily at once, and by the sweep.
import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { RunningServer } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { expireHolds } from '../../server/domain/holds/hold-lifecycle.ts'
import { testAfterCommit } from '../support/after-commit.ts'
import { testDatabaseUrl } from '../support/lane.ts'

const PLACES = 24
const BUYERS = 40

let redis: PrivateRedis
let server: RunningServer

beforeAll(async () => {
  redis = await startPrivateRedis()
  server = await startTestServer({
    DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    REDIS_URL: redis.url, BULLMQ_PREFIX: `fault-${randomUUID().slice(0, 8)}`,
  })
})
afterAll(async () => {
  await server?.stop()
  await redis?.stop()
})

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, { method, headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: await res.json().catch(() => null) as any }
}

describe('Redis flushed in the middle of a sale', () => {
  it('loses no hold, booking or waitlist position, and holds still expire', async () => {
    const [organiser, ...buyers] = await createUsers(BUYERS + 1) as [TestUser, ...TestUser[]]
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: PLACES }])
    const sectionId = event.sections[0]!.id
    const hold = (buyer: TestUser) => call('POST', '/api/holds', buyer.token, { eventId: event.id, ga: [{ sectionId, quantity: 1 }] })

    // Holds: half the crowd, then the other half with a FLUSHALL racing it.
    const first = await Promise.all(buyers.slice(0, BUYERS / 2).map(hold))
    const secondWave = Promise.all(buyers.slice(BUYERS / 2).map(hold))
    await redis.client.flushall()
    const second = await secondWave
    const holdAnswers = [...first, ...second].map((res, i) => ({ buyer: buyers[i]!, res }))
    for (const { res } of holdAnswers) expect([201, 409], JSON.stringify(res.body)).toContain(res.status)
    const holders = holdAnswers.filter(a => a.res.status === 201)
    const losers = holdAnswers.filter(a => a.res.status === 409).map(a => a.buyer)
    expect(holders).toHaveLength(PLACES)

    // Half the holders confirm, with another flush in the middle.
    const confirming = holders.slice(0, PLACES / 2)
    const confirmations = Promise.all(confirming.map(h => call('POST', '/api/bookings', h.buyer.token, { holdId: h.res.body.id })))
    await redis.client.flushall()
    const bookings = await confirmations
    for (const b of bookings) expect(b.status, JSON.stringify(b.body)).toBe(201)

    // The losers queue up, one after another so the queue order is known, with a flush halfway.
    for (const [i, loser] of losers.entries()) {
      if (i === Math.floor(losers.length / 2)) await redis.client.flushall()
      const joined = await call('POST', `/api/events/${event.id}/waitlist`, loser.token, { quantity: 1 })
      expect(joined.status, JSON.stringify(joined.body)).toBe(201)
    }
    await redis.client.flushall()

    // Everything the buyers were told is still true.
    for (const [i, b] of bookings.entries()) expect((await call('GET', `/api/bookings/${b.body.id}`, confirming[i]!.buyer.token)).status).toBe(200)
    const unconfirmed = holders.slice(PLACES / 2)
    for (const h of unconfirmed) {
      const seen = await call('GET', `/api/holds/${h.res.body.id}`, h.buyer.token)
      expect(seen.status).toBe(200)
      expect(seen.body.status).toBe('ACTIVE')
    }
    for (const [i, loser] of losers.entries()) {
      const place = await call('GET', `/api/events/${event.id}/waitlist/me`, loser.token)
      expect(place.status).toBe(200)
      expect(place.body.position).toBe(i + 1)
    }
    const sold = await testDb().ticket.count({ where: { place: { eventId: event.id }, voidedAt: null } })
    expect(sold).toBe(PLACES / 2)
    expect((await call('GET', `/api/events/${event.id}`, organiser.token)).body.sections[0].available).toBe(0)

    // Time passes for the unconfirmed holds; their expiry jobs went with the flush.
    const ids = unconfirmed.map(h => h.res.body.id as string)
    const past = new Date(Date.now() - 1000)
    await testDb().$transaction([
      testDb().hold.updateMany({ where: { id: { in: ids } }, data: { expiresAt: past } }),
      testDb().place.updateMany({ where: { holdId: { in: ids } }, data: { heldUntil: past } }),
    ])
    // Lazy expiry: expired for every reader at once, and their places count as free again.
    for (const h of unconfirmed) expect((await call('GET', `/api/holds/${h.res.body.id}`, h.buyer.token)).body.status).toBe('EXPIRED')
    expect((await call('GET', `/api/events/${event.id}`, organiser.token)).body.sections[0].available).toBe(PLACES / 2)
    // The periodic sweep (the cleanup worker's safety net) records them as expired.
    const after = testAfterCommit(testDb())
    const freed = await expireHolds(testDb(), after.effects).finally(() => after.close())
    expect(freed.map(f => f.holdId).filter(id => ids.includes(id)).sort()).toEqual([...ids].sort())
    expect(await testDb().hold.count({ where: { id: { in: ids }, status: 'EXPIRED' } })).toBe(ids.length)
  })
})

// The cleanup worker on the real Redis (a BullMQ prefix of this file's own) and broker (own vhost):
// the expiry job releases a hold right after it ends, the sweep releases one whose job never existed,
// hold.expired is written once per hold, and freed places go to the waitlist.
import { randomBytes, randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHoldExpiryQueue, scheduleHoldExpiryJob } from '../../server/messaging/hold-expiry-queue.ts'
import { TOPICS, channelOf } from '../../server/messaging/pubsub.ts'
import { checkInventory } from '../../workers/handlers/cleanup/check-inventory.ts'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from '../support/fixtures.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import { eventually, startWorker, type RunningWorker } from '../support/workers.ts'

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const prefix = `bookify-test-${randomBytes(4).toString('hex')}`
let vhost: TestVhost
let redis: Redis
let subscriber: Redis
const workers: RunningWorker[] = []
const announcements: { eventId: string, changes: { placeId: string, status: string }[] }[] = []
let buyer: TestUser
let waiter: TestUser
let event: TestEvent

beforeAll(async () => {
  vhost = await createTestVhost()
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null })
  subscriber = new Redis(REDIS_URL)
  const [organiser, b, w] = await createUsers(3) as [TestUser, TestUser, TestUser]
  buyer = b
  waiter = w
  event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 6 }])
  subscriber.on('message', (_channel: string, message: string) => announcements.push(JSON.parse(message)))
  await subscriber.subscribe(channelOf(TOPICS.availability, event.id))
  // This cleanup worker's sweep never runs during the tests (it is due at New Year's midnight), so
  // only the expiry job can release a hold; the sweep test starts a worker of its own.
  workers.push(...await Promise.all([startWorker('relay', env()), startWorker('cleanup', env({ CLEANUP_SWEEP_CRON: '0 0 0 1 1 *' }))]))
})

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { AMQP_URL: vhost.url, BULLMQ_PREFIX: prefix, ...extra }
}

afterAll(async () => {
  await Promise.all(workers.map(w => w.stop()))
  const queue = createHoldExpiryQueue(redis, prefix)
  await queue.obliterate({ force: true }).catch(() => {})
  await queue.close()
  subscriber?.disconnect()
  redis?.disconnect()
  await vhost?.drop()
})

/** A hold exactly as the claim leaves it, ending `seconds` from now. */
async function insertHold(userId: string, placeIds: string[], seconds: number, eventId = event.id): Promise<{ id: string, expiresAt: Date }> {
  const id = randomUUID()
  const expiresAt = new Date(Date.now() + seconds * 1000)
  await testDb().$executeRaw`INSERT INTO holds (id, user_id, event_id, status, expires_at, total_cents, currency)
    VALUES (${id}::uuid, ${userId}::uuid, ${eventId}::uuid, 'ACTIVE', ${expiresAt}, 0, 'EUR')`
  await testDb().$executeRaw`UPDATE places SET hold_id = ${id}::uuid, held_until = ${expiresAt} WHERE id = ANY(${placeIds}::uuid[])`
  return { id, expiresAt }
}

const holdStatus = async (id: string) => (await testDb().hold.findUniqueOrThrow({ where: { id } })).status
const expiredMessages = (holdId: string) => testDb().outboxMessage.count({ where: { routingKey: 'hold.expired', aggregateId: holdId } })

describe('cleanup worker', () => {
  it('releases a hold through its BullMQ job within 2 s of its end, announces it and offers the places to the waitlist', { timeout: 30_000 }, async () => {
    const placeIds = event.sections[0]!.placeIds.slice(0, 2)
    const entry = await testDb().waitlistEntry.create({ data: { eventId: event.id, userId: waiter.id, quantity: 1 } })
    const hold = await insertHold(buyer.id, placeIds, 1)
    const queue = createHoldExpiryQueue(redis, prefix)
    await scheduleHoldExpiryJob(queue, hold.id, hold.expiresAt) // as AfterCommit.scheduleHoldExpiry does
    await queue.close()

    await eventually(async () => (await holdStatus(hold.id)) === 'EXPIRED', hold.expiresAt.getTime() + 2_000 - Date.now(), 'the job to expire the hold')
    expect(await testDb().place.count({ where: { id: { in: placeIds }, holdId: hold.id } })).toBe(0)
    await eventually(async () => announcements.some(a => a.changes.some(c => c.placeId === placeIds[0] && c.status === 'AVAILABLE')), 2_000, 'the availability announcement')
    const offered = await eventually(async () => {
      const e = await testDb().waitlistEntry.findUniqueOrThrow({ where: { id: entry.id }, include: { offerHold: true } })
      return e.status === 'OFFERED' && e.offerHold ? e : undefined
    }, 5_000, 'the waitlist offer')
    expect(offered.offerHold!.status).toBe('ACTIVE')
    // The offer is announced after its commit, so the message may trail the row by a moment.
    await eventually(async () => announcements.some(a => a.changes.some(c => c.status === 'HELD')), 2_000, 'the offer\'s announcement')
    await eventually(async () => workers[1]!.logs().some(l => l.msg === 'hold expired (job)' && l.holdId === hold.id), 5_000, 'the job\'s log line')
    expect(await expiredMessages(hold.id)).toBe(1)
    // hold.expired went out through the relay and was consumed from cleanup:release:quorum.
    const message = await testDb().outboxMessage.findFirstOrThrow({ where: { routingKey: 'hold.expired', aggregateId: hold.id } })
    await eventually(async () => (await testDb().processedMessage.count({ where: { consumer: 'cleanup-release', messageId: message.id } })) === 1, 10_000, 'the release consumer')
  })

  it('releases a hold whose job is missing in the periodic sweep, still writing hold.expired once', { timeout: 45_000 }, async () => {
    // The sweep's schedule comes from CLEANUP_SWEEP_CRON (every 30 s by default); this worker sweeps every second.
    const sweeper = await startWorker('cleanup', env({ CLEANUP_SWEEP_CRON: '* * * * * *' }))
    workers.push(sweeper)
    const placeIds = event.sections[0]!.placeIds.slice(3, 5)
    const hold = await insertHold(buyer.id, placeIds, 1) // no job scheduled: as if Redis had lost it
    await eventually(async () => (await holdStatus(hold.id)) === 'EXPIRED', 10_000, 'the sweep to expire the hold')
    expect(await testDb().place.count({ where: { holdId: hold.id } })).toBe(0)
    // The worker logs after its commit, and the line reaches this process through a pipe a moment later.
    await eventually(async () => sweeper.logs().some(l => l.msg === 'expired holds released (sweep)'), 5_000, 'the sweep\'s log line')
    expect(workers.some(w => w.logs().some(l => l.msg === 'hold expired (job)' && l.holdId === hold.id))).toBe(false)
    // A later sweep leaves it alone: a second hold, due only now, is the marker that another sweep ran.
    const marker = await insertHold(buyer.id, [], 0)
    await eventually(async () => (await holdStatus(marker.id)) === 'EXPIRED', 10_000, 'a later sweep to expire the marker hold')
    expect(await expiredMessages(marker.id)).toBe(1)
    expect(await expiredMessages(hold.id)).toBe(1)
  })

  it('reports a section whose sold and held places exceed its capacity', async () => {
    const small = await createPublishedEvent(buyer.id, [{ name: 'Floor', kind: 'GA', capacity: 2 }])
    const section = small.sections[0]!
    await insertHold(buyer.id, section.placeIds, 600, small.id)
    expect((await checkInventory(testDb())).oversold.some(s => s.sectionId === section.id)).toBe(false)
    await testDb().section.update({ where: { id: section.id }, data: { capacity: 1 } }) // as a bad section edit might
    const report = await checkInventory(testDb())
    expect(report.oversold).toContainEqual({ sectionId: section.id, eventId: small.id, capacity: 1, sold: 0, held: 2 })
    expect(report.doubleTicketed).toEqual([])
    await testDb().section.update({ where: { id: section.id }, data: { capacity: 2 } })
  })
})

// The pub/sub bus on the real Redis: one subscriber connection for every topic, messages checked
// against their topic's schema before a handler sees them, keyed topics heard through one pattern.
import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PubSubBus } from '../../server/messaging/pubsub-bus.ts'
import { TOPICS, announceAvailability, channelOf, publish, type AccountStatusMessage, type AvailabilityMessage } from '../../server/messaging/pubsub.ts'
import { eventually } from '../support/workers.ts'

const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379'
const connectionName = `bookify-bus-test-${randomUUID().slice(0, 8)}`
let publisher: Redis
let bus: PubSubBus
const warnings: { obj: object, msg?: string }[] = []

beforeAll(() => {
  publisher = new Redis(REDIS_URL)
  bus = new PubSubBus(() => new Redis(REDIS_URL, { connectionName, maxRetriesPerRequest: null }), {
    info: () => {},
    warn: (obj, msg) => warnings.push({ obj, msg }),
  })
})

afterAll(async () => {
  await bus.close()
  publisher.disconnect()
})

describe('PubSubBus', () => {
  it('delivers each topic to its handlers over one connection, keyed topics through a pattern', async () => {
    const eventId = randomUUID()
    const userId = randomUUID()
    const availability: AvailabilityMessage[] = []
    const statuses: AccountStatusMessage[] = []
    bus.on(TOPICS.availability, m => m.eventId === eventId && availability.push(m))
    bus.on(TOPICS.accountStatus, m => m.userId === userId && statuses.push(m))
    await Promise.all([bus.subscribed(TOPICS.availability), bus.subscribed(TOPICS.accountStatus)])

    await announceAvailability(publisher, eventId, [{ placeId: 'p1', status: 'AVAILABLE' }])
    await publish(publisher, TOPICS.accountStatus, { userId, disabledAt: null })
    await eventually(async () => availability.length === 1 && statuses.length === 1, 2_000, 'both messages')
    expect(availability[0]).toMatchObject({ eventId, changes: [{ placeId: 'p1', status: 'AVAILABLE' }] })
    expect(statuses[0]).toEqual({ userId, disabledAt: null })

    const clients = String(await publisher.client('LIST')).split('\n').filter(line => line.includes(`name=${connectionName}`))
    expect(clients).toHaveLength(1)
  })

  it('drops, and logs, a message that does not match its schema; the next good one still arrives', async () => {
    const userId = randomUUID()
    const heard: AccountStatusMessage[] = []
    bus.on(TOPICS.accountStatus, m => m.userId === userId && heard.push(m))
    await bus.subscribed(TOPICS.accountStatus)
    await publisher.publish(channelOf(TOPICS.accountStatus), JSON.stringify({ userId, disabledAt: 42 }))
    await publisher.publish(channelOf(TOPICS.accountStatus), 'not json')
    await publish(publisher, TOPICS.accountStatus, { userId, disabledAt: '2026-12-06T12:00:00.000Z' })
    await eventually(async () => heard.length === 1, 2_000, 'the valid message')
    expect(heard).toEqual([{ userId, disabledAt: '2026-12-06T12:00:00.000Z' }])
    expect(warnings.filter(w => w.msg?.includes('does not match its schema')).length).toBeGreaterThanOrEqual(2)
  })

  it('stops delivering to a handler once it is switched off', async () => {
    const eventId = randomUUID()
    const heard: string[] = []
    const marker: string[] = []
    const off = bus.on(TOPICS.availability, m => m.eventId === eventId && heard.push(m.changes[0]!.placeId))
    bus.on(TOPICS.availability, m => m.eventId === eventId && marker.push(m.changes[0]!.placeId))
    await bus.subscribed(TOPICS.availability)
    await announceAvailability(publisher, eventId, [{ placeId: 'before', status: 'HELD' }])
    await eventually(async () => heard.length === 1, 2_000, 'the first message')
    off()
    await announceAvailability(publisher, eventId, [{ placeId: 'after', status: 'HELD' }])
    // The handler still on hears the second message, so the one switched off had its chance.
    await eventually(async () => marker.includes('after'), 2_000, 'the second message')
    expect(heard).toEqual(['before'])
  })
})

// Outbox → relay → RabbitMQ, on the real broker (a vhost of this file's own) and the run's database.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeOutbox } from '../../server/messaging/outbox.ts'
import { QUEUES, QUEUE_BINDINGS, ROUTING_KEYS } from '../../server/messaging/names.ts'
import { api, type Res } from '../support/http.ts'
import { testDb } from '../support/fixtures.ts'
import { createTestVhost, rabbitApp, type TestVhost } from '../support/rabbitmq.ts'
import { TEST_EFFECTS_TABLE, drainQueue, eventually, openTestChannel, settleMessaging, startWorker, type RunningWorker } from '../support/workers.ts'

let vhost: TestVhost
const workers: RunningWorker[] = []

beforeAll(async () => {
  vhost = await createTestVhost()
  await testDb().$executeRawUnsafe(TEST_EFFECTS_TABLE)
  workers.push(await startWorker('relay', { AMQP_URL: vhost.url }))
  await settleMessaging(vhost.url)
})

afterAll(async () => {
  await Promise.all(workers.map(w => w.stop()))
  await vhost?.drop()
})

async function publishedAt(ids: string[]): Promise<(Date | null)[]> {
  const rows = await testDb().outboxMessage.findMany({ where: { id: { in: ids } }, select: { publishedAt: true } })
  return rows.map(r => r.publishedAt)
}

describe('outbox relay', () => {
  it('publishes rows written in a transaction to every bound queue exactly once, then marks them published', async () => {
    const bookingId = randomUUID()
    const eventId = randomUUID()
    const booking = { bookingId, userId: randomUUID(), eventId, reference: 'BK-RELAY1' }
    await testDb().$transaction(async (tx) => {
      await writeOutbox(tx, ROUTING_KEYS.bookingConfirmed, booking, 'corr-relay-1')
      await writeOutbox(tx, ROUTING_KEYS.bookingCancelled, { ...booking, reason: 'USER' }, 'corr-relay-1')
      await writeOutbox(tx, ROUTING_KEYS.eventUpdated, { eventId, timesChanged: true })
    })
    const rows = await testDb().outboxMessage.findMany({ where: { aggregateId: { in: [bookingId, eventId] } }, orderBy: { createdAt: 'asc' } })
    expect(rows).toHaveLength(3)
    const ids = rows.map(r => r.id)
    await eventually(async () => (await publishedAt(ids)).every(Boolean), 10_000, 'published_at on every row')
    // Markers: rows written after those were published, reaching every queue bound to their keys. Once they are out,
    // the relay has gone round again, and anything it published twice is in the queues ahead of them.
    const markerBooking = { bookingId: randomUUID(), userId: randomUUID(), eventId: randomUUID(), reference: 'BK-MARKER' }
    await writeOutbox(testDb(), ROUTING_KEYS.bookingCancelled, { ...markerBooking, reason: 'USER' })
    await writeOutbox(testDb(), ROUTING_KEYS.eventUpdated, { eventId: markerBooking.eventId, timesChanged: false })
    const markerIds = (await testDb().outboxMessage.findMany({ where: { aggregateId: { in: [markerBooking.bookingId, markerBooking.eventId] } }, select: { id: true } })).map(r => r.id)
    expect(markerIds).toHaveLength(2)
    await eventually(async () => (await publishedAt(markerIds)).every(Boolean), 10_000, 'the markers published')

    const { channel, close } = await openTestChannel(vhost.url)
    try {
      const received = new Map<string, string[]>()
      for (const queue of Object.values(QUEUES)) {
        // Only this test's messages: the run's database is shared with other files.
        const drained = (await drainQueue(channel, queue)).map(m => m.properties.messageId as string)
        const markersBound = [ROUTING_KEYS.bookingCancelled, ROUTING_KEYS.eventUpdated].filter(key => (QUEUE_BINDINGS[queue] as readonly string[]).includes(key))
        expect(drained.filter(id => markerIds.includes(id)), `the markers in ${queue}`).toHaveLength(markersBound.length)
        received.set(queue, drained.filter(id => ids.includes(id)))
      }
      const confirmedId = rows.find(r => r.routingKey === ROUTING_KEYS.bookingConfirmed)!.id
      const cancelledId = rows.find(r => r.routingKey === ROUTING_KEYS.bookingCancelled)!.id
      const updatedId = rows.find(r => r.routingKey === ROUTING_KEYS.eventUpdated)!.id
      // Same aggregate: confirmed before cancelled, in the order written.
      const notified = received.get(QUEUES.notifications)!
      expect([...notified].sort()).toEqual([confirmedId, cancelledId, updatedId].sort())
      expect(notified.indexOf(confirmedId)).toBeLessThan(notified.indexOf(cancelledId))
      expect(received.get(QUEUES.calendarSync)!.sort()).toEqual([confirmedId, cancelledId, updatedId].sort())
      expect(received.get(QUEUES.searchIndex)).toEqual([updatedId])
      expect(received.get(QUEUES.cleanup)).toEqual([cancelledId])
      expect(received.get(QUEUES.payments)).toEqual([]) // binds none of these keys
    } finally {
      await close()
    }

    // The wire format: the envelope, the id as message id, the correlation id as a header.
    const { channel: ch2, close: close2 } = await openTestChannel(vhost.url)
    try {
      await writeOutbox(testDb(), ROUTING_KEYS.userRegistered, { userId: randomUUID() }, 'corr-wire')
      const msg = await eventually(async () => {
        const m = await ch2.get(QUEUES.notifications, { noAck: true })
        return m && JSON.parse(m.content.toString()).correlationId === 'corr-wire' ? m : undefined
      }, 10_000, 'the user.registered message')
      const envelope = JSON.parse(msg.content.toString())
      expect(envelope).toMatchObject({ id: msg.properties.messageId, type: 'user.registered', correlationId: 'corr-wire' })
      expect(msg.properties.headers?.correlationId).toBe('corr-wire')
      expect(msg.properties.deliveryMode).toBe(2)
    } finally {
      await close2()
    }
  })

  it('keeps rows while RabbitMQ is stopped and delivers all 100 exactly once when it is back', { timeout: 120_000 }, async () => {
    const consumer = await startWorker('tests/support/test-consumer-worker.ts', {
      AMQP_URL: vhost.url, TEST_QUEUE: QUEUES.notifications, TEST_CONSUMER_NAME: 'outage-test',
    })
    workers.push(consumer)

    const userIds = Array.from({ length: 100 }, () => randomUUID())
    let readyWhileDown: Res | undefined
    await rabbitApp('stop_app')
    try {
      for (const userId of userIds) await writeOutbox(testDb(), ROUTING_KEYS.userRegistered, { userId }, `corr-${userId}`)
      readyWhileDown = await api('GET', '/api/ready')
      // Nothing can have gone out.
      expect(await testDb().outboxMessage.count({ where: { aggregateId: { in: userIds }, publishedAt: { not: null } } })).toBe(0)
    } finally {
      await rabbitApp('start_app')
    }
    expect(readyWhileDown.status).toBe(503)
    expect(readyWhileDown.body).toMatchObject({ statusCode: 503, code: 'NOT_READY', details: { postgres: 'up', redis: 'up', rabbitmq: 'down' } })
    expect(readyWhileDown.body.message).toContain('RabbitMQ')

    const rows = await testDb().outboxMessage.findMany({ where: { aggregateId: { in: userIds } }, select: { id: true } })
    const ids = rows.map(r => r.id)
    expect(ids).toHaveLength(100)
    await eventually(async () => {
      const handled = await testDb().$queryRaw<{ n: number }[]>`SELECT count(DISTINCT message_id)::int AS n FROM test_consumer_effects WHERE consumer = 'outage-test' AND message_id = ANY(${ids}::text[])`
      return handled[0]!.n === 100 || undefined
    }, 60_000, 'all 100 messages handled')
    // A duplicate would be queued ahead of a marker written once all 100 are marked published.
    await eventually(async () => (await publishedAt(ids)).every(Boolean), 10_000, 'published_at on all 100 rows')
    const marker = randomUUID()
    await writeOutbox(testDb(), ROUTING_KEYS.userRegistered, { userId: marker })
    const { id: markerId } = await testDb().outboxMessage.findFirstOrThrow({ where: { aggregateId: marker } })
    await consumer.waitForLog(l => l.messageId === markerId && l.outcome === 'ok', 20_000)
    const effects = await testDb().$queryRaw<{ message_id: string, n: number }[]>`
      SELECT message_id, count(*)::int AS n FROM test_consumer_effects WHERE consumer = 'outage-test' AND message_id = ANY(${ids}::text[]) GROUP BY message_id`
    expect(effects).toHaveLength(100)
    expect(effects.filter(e => e.n !== 1)).toEqual([])
    expect((await publishedAt(ids)).every(Boolean)).toBe(true)
    expect(await testDb().processedMessage.count({ where: { consumer: 'outage-test', messageId: { in: ids } } })).toBe(100)
  })
})

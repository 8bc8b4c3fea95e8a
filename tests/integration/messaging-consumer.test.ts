// The consumer runtime on the real broker (a vhost of this file's own): exactly-once effects across
// a SIGKILL, dead-lettering that never blocks the queue, and a message that kills its consumer every
// time ending in the dead-letter queue after the queue's delivery limit.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeOutbox } from '../../server/messaging/outbox.ts'
import { DELIVERY_LIMIT, EVENTS_EXCHANGE, MESSAGE_HEADERS, QUEUES, ROUTING_KEYS, deadLetterQueue, retryQueue } from '../../server/messaging/names.ts'
import { declareTopology } from '../../server/messaging/topology.ts'
import { testDb } from '../support/fixtures.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import {
  TEST_EFFECTS_TABLE, TEST_TIMINGS, drainQueue, eventually, openTestChannel, settleMessaging, startWorker, type RunningWorker,
} from '../support/workers.ts'

let vhost: TestVhost
const workers: RunningWorker[] = []
const QUEUE = QUEUES.notifications
const RETRY_DELAYS = TEST_TIMINGS.RETRY_DELAYS_MS.split(',').map(Number)

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

async function effectCount(consumer: string, messageId: string): Promise<number> {
  const rows = await testDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM test_consumer_effects WHERE consumer = ${consumer} AND message_id = ${messageId}`
  return rows[0]!.n
}

/** Writes one user.registered row and answers its id (= the message id). */
async function writeUserRegistered(correlationId?: string): Promise<string> {
  const userId = randomUUID()
  await writeOutbox(testDb(), ROUTING_KEYS.userRegistered, { userId }, correlationId)
  return (await testDb().outboxMessage.findFirstOrThrow({ where: { aggregateId: userId } })).id
}

function rawEnvelope(type: string, data: unknown) {
  return { id: randomUUID(), type, occurredAt: new Date().toISOString(), correlationId: 'corr-raw', data }
}

describe('consumer runtime', () => {
  it('applies a message exactly once when the consumer is SIGKILLed before its commit and restarted', { timeout: 60_000 }, async () => {
    const env = { AMQP_URL: vhost.url, TEST_QUEUE: QUEUE, TEST_CONSUMER_NAME: 'sigkill-test' }
    const slow = await startWorker('tests/support/test-consumer-worker.ts', { ...env, TEST_DELAY_MS: '30000' })
    workers.push(slow)
    const messageId = await writeUserRegistered('corr-sigkill')
    const started = await slow.waitForLog(l => l.msg === 'test handler wrote its effect; committing after the delay' && l.messageId === messageId)
    expect(started.correlationId).toBe('corr-sigkill')
    await slow.kill()
    expect(await effectCount('sigkill-test', messageId)).toBe(0) // rolled back with the process

    const restarted = await startWorker('tests/support/test-consumer-worker.ts', env)
    workers.push(restarted)
    await eventually(async () => (await effectCount('sigkill-test', messageId)) > 0, 20_000, 'the redelivered message to be applied')
    await restarted.waitForLog(l => l.messageId === messageId && l.outcome === 'ok')
    // A second delivery of the same message (the relay may publish twice) is acked without effect.
    const { channel, close } = await openTestChannel(vhost.url)
    try {
      const row = await testDb().outboxMessage.findUniqueOrThrow({ where: { id: messageId } })
      channel.publish(EVENTS_EXCHANGE, row.routingKey, Buffer.from(JSON.stringify({ id: row.id, type: row.routingKey, occurredAt: row.createdAt.toISOString(), correlationId: row.correlationId, data: row.payload })), { messageId, persistent: true })
      await restarted.waitForLog(l => l.messageId === messageId && l.outcome === 'duplicate')
    } finally {
      await close()
    }
    expect(await effectCount('sigkill-test', messageId)).toBe(1)
    expect(await testDb().processedMessage.count({ where: { consumer: 'sigkill-test', messageId } })).toBe(1)
    expect(await restarted.stop()).toBe(0) // SIGTERM: a clean exit
  })

  it('finishes the message in hand on SIGTERM before exiting', { timeout: 30_000 }, async () => {
    const consumer = await startWorker('tests/support/test-consumer-worker.ts', {
      AMQP_URL: vhost.url, TEST_QUEUE: QUEUE, TEST_CONSUMER_NAME: 'sigterm-test', TEST_DELAY_MS: '1000',
    })
    workers.push(consumer)
    const messageId = await writeUserRegistered()
    await consumer.waitForLog(l => l.msg === 'test handler wrote its effect; committing after the delay' && l.messageId === messageId)
    expect(await consumer.stop()).toBe(0)
    expect(await effectCount('sigterm-test', messageId)).toBe(1)
    // The signal came while the handler was still inside its transaction, and it was let finish.
    const logs = consumer.logs()
    const signalled = logs.findIndex(l => l.msg === 'shutting down')
    const finished = logs.findIndex(l => l.messageId === messageId && l.outcome === 'ok')
    expect(signalled).toBeGreaterThanOrEqual(0)
    expect(finished).toBeGreaterThan(signalled)
    expect(await testDb().processedMessage.count({ where: { consumer: 'sigterm-test', messageId } })).toBe(1)
  })

  it('dead-letters an invalid message at once and a failing one after the attempt limit, acks one it has no handler for, without blocking the queue', { timeout: 60_000 }, async () => {
    const consumer = await startWorker('tests/support/test-consumer-worker.ts', {
      AMQP_URL: vhost.url, TEST_QUEUE: QUEUE, TEST_CONSUMER_NAME: 'dead-letter-test',
      TEST_FAIL_TYPES: ROUTING_KEYS.waitlistOffered, TEST_UNHANDLED_TYPES: ROUTING_KEYS.holdExpired, TEST_MAX_ATTEMPTS: '3',
    })
    workers.push(consumer)
    const { channel, close } = await openTestChannel(vhost.url)
    try {
      await declareTopology(channel, RETRY_DELAYS)
      await drainQueue(channel, deadLetterQueue(QUEUE))
      // Schema-invalid: userId is not a uuid. Straight to the dead-letter queue, no retries.
      const invalid = rawEnvelope(ROUTING_KEYS.userRegistered, { userId: 'not-a-uuid' })
      channel.publish(EVENTS_EXCHANGE, ROUTING_KEYS.userRegistered, Buffer.from(JSON.stringify(invalid)), { messageId: invalid.id, persistent: true })
      const garbage = randomUUID()
      channel.publish(EVENTS_EXCHANGE, ROUTING_KEYS.userRegistered, Buffer.from('{not json'), { messageId: garbage, persistent: true })
      // Valid but its handler always throws: 3 attempts (0.2 s, then 0.4 s apart: TEST_TIMINGS), then dead-lettered.
      const failing = rawEnvelope(ROUTING_KEYS.waitlistOffered, { entryId: randomUUID(), userId: randomUUID(), eventId: randomUUID(), holdId: randomUUID(), expiresAt: new Date().toISOString() })
      channel.publish(EVENTS_EXCHANGE, ROUTING_KEYS.waitlistOffered, Buffer.from(JSON.stringify(failing)), { messageId: failing.id, persistent: true })
      // Valid, bound to the queue, but the consumer has no handler for it: acknowledged, not dead-lettered.
      const unhandled = rawEnvelope(ROUTING_KEYS.holdExpired, { holdId: randomUUID(), userId: randomUUID(), eventId: randomUUID(), placeIds: [] })
      channel.publish(EVENTS_EXCHANGE, ROUTING_KEYS.holdExpired, Buffer.from(JSON.stringify(unhandled)), { messageId: unhandled.id, persistent: true })
      // A good message behind them is handled at once.
      const good = rawEnvelope(ROUTING_KEYS.userRegistered, { userId: randomUUID() })
      channel.publish(EVENTS_EXCHANGE, ROUTING_KEYS.userRegistered, Buffer.from(JSON.stringify(good)), { messageId: good.id, persistent: true })

      await eventually(async () => (await effectCount('dead-letter-test', good.id)) === 1, 5_000, 'the good message to be handled')
      await consumer.waitForLog(l => l.messageId === unhandled.id && l.outcome === 'ignored', 5_000)
      expect(await effectCount('dead-letter-test', unhandled.id)).toBe(0)
      expect(await testDb().processedMessage.count({ where: { consumer: 'dead-letter-test', messageId: unhandled.id } })).toBe(0)
      const dead = new Map<string, { reason: unknown, attempt: unknown, error: unknown }>()
      await eventually(async () => {
        for (const m of await drainQueue(channel, deadLetterQueue(QUEUE))) {
          const h = m.properties.headers ?? {}
          dead.set(String(m.properties.messageId), { reason: h[MESSAGE_HEADERS.deadReason], attempt: h[MESSAGE_HEADERS.attempt], error: h[MESSAGE_HEADERS.lastError] })
        }
        return dead.has(failing.id) || undefined
      }, 20_000, 'the failing message in the dead-letter queue')
      expect(dead.get(invalid.id)).toMatchObject({ reason: 'invalid', attempt: 1 })
      expect(String(dead.get(invalid.id)!.error)).toContain('invalid user.registered payload')
      expect(dead.get(garbage)).toMatchObject({ reason: 'invalid', attempt: 1 })
      expect(dead.get(failing.id)).toMatchObject({ reason: 'max-attempts', attempt: 3, error: 'test handler refuses waitlist.offered' })
      expect(dead.has(unhandled.id)).toBe(false)
      // The copy is in the dead-letter queue before the runtime acks and logs (it waits for the broker's
      // confirm): on a loaded machine the test can drain it before the worker's line has arrived.
      await consumer.waitForLog(l => l.messageId === failing.id && l.outcome === 'dead_lettered', 5_000)
      const attempts = consumer.logs().filter(l => l.messageId === failing.id && (l.outcome === 'retried' || l.outcome === 'dead_lettered'))
      expect(attempts.map(l => l.outcome)).toEqual(['retried', 'retried', 'dead_lettered'])
      // Each retry sat out its delay queue's TTL: the handler is called again no sooner than the TTL
      // after its previous call (the copy is queued after that call, and its TTL starts there). Timed
      // by the handler's own calls: the 'retried' lines come after the broker's confirm, whose wait
      // varies on a loaded machine (a 74 ms slower first confirm once made two lines 126 ms apart).
      const calls = consumer.logs().filter(l => l.messageId === failing.id && l.msg === 'test handler called; refusing').map(l => Number(l.time))
      expect(calls).toHaveLength(3)
      expect(calls[1]! - calls[0]!).toBeGreaterThanOrEqual(RETRY_DELAYS[0]! - 20)
      expect(calls[2]! - calls[1]!).toBeGreaterThanOrEqual(RETRY_DELAYS[1]! - 20)
      expect(await effectCount('dead-letter-test', failing.id)).toBe(0)
      expect(await testDb().processedMessage.count({ where: { consumer: 'dead-letter-test', messageId: failing.id } })).toBe(0)
      // Dead means dead: nothing comes back to the work queue. The marker is a good message sent through
      // the longest delay queue after the dead-lettering: by the time it is handled, anything the
      // runtime had put in any delay queue would have come back first.
      const marker = rawEnvelope(ROUTING_KEYS.userRegistered, { userId: randomUUID() })
      channel.sendToQueue(retryQueue(QUEUE, Math.max(...RETRY_DELAYS)), Buffer.from(JSON.stringify(marker)), { messageId: marker.id, persistent: true })
      await consumer.waitForLog(l => l.messageId === marker.id && l.outcome === 'ok', 10_000)
      expect(consumer.logs().filter(l => l.messageId === failing.id && Number(l.attempt) > 3)).toEqual([])
      expect(await drainQueue(channel, deadLetterQueue(QUEUE))).toEqual([])
    } finally {
      await close()
    }
  })

  it('dead-letters a message that kills its consumer every time after the delivery limit, and the others are handled', { timeout: 90_000 }, async () => {
    // Consumers the earlier tests left on the queue would take the poison and survive it.
    for (const worker of workers.splice(1)) await worker.stop()
    const { channel, close } = await openTestChannel(vhost.url)
    try {
      await drainQueue(channel, deadLetterQueue(QUEUE))
      const publish = (type: string, data: object) => {
        const envelope = rawEnvelope(type, data)
        channel.publish(EVENTS_EXCHANGE, type, Buffer.from(JSON.stringify(envelope)), { messageId: envelope.id, persistent: true })
        return envelope.id
      }
      const before = [1, 2, 3].map(() => publish(ROUTING_KEYS.userRegistered, { userId: randomUUID() }))
      const poison = publish(ROUTING_KEYS.eventCancelled, { eventId: randomUUID() })
      const env = { AMQP_URL: vhost.url, TEST_QUEUE: QUEUE, TEST_CONSUMER_NAME: 'poison-test', TEST_EXIT_IDS: poison }
      const after = [1, 2, 3].map(() => publish(ROUTING_KEYS.userRegistered, { userId: randomUUID() }))
      // The orchestrator's part: start the consumer again each time it dies, until the poison is gone.
      let deaths = 0
      const dead: Awaited<ReturnType<typeof drainQueue>> = []
      const poisonDead = () => dead.some(m => m.properties.messageId === poison)
      while (!poisonDead() && deaths <= DELIVERY_LIMIT + 1) {
        let consumer: RunningWorker | undefined
        try {
          consumer = await startWorker('tests/support/test-consumer-worker.ts', env)
          workers.push(consumer)
        } catch {
          deaths++ // died before it said it was consuming
          continue
        }
        const deadline = Date.now() + 15_000
        while (consumer.process.exitCode === null && Date.now() < deadline) {
          dead.push(...await drainQueue(channel, deadLetterQueue(QUEUE)))
          if (poisonDead()) break
          await new Promise(resolve => setTimeout(resolve, 100))
        }
        // The poison can reach the dead-letter queue before Node has seen its last victim exit:
        // stop() then returns the code that consumer died with (0 only for one stopped healthy).
        if (consumer.process.exitCode !== null || await consumer.stop() !== 0) deaths++
      }
      expect(poisonDead()).toBe(true)
      // Delivered once, then redelivered up to the limit: each delivery killed a consumer.
      expect(deaths).toBe(DELIVERY_LIMIT + 1)
      const poisoned = dead.find(m => m.properties.messageId === poison)!
      expect((poisoned.properties.headers?.['x-death'] as { reason: string }[] | undefined)?.[0]?.reason).toBe('delivery_limit')
      for (const id of [...before, ...after]) expect(await effectCount('poison-test', id)).toBe(1)
    } finally {
      await close()
    }
  })
})

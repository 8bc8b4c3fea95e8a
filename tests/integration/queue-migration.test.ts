// A deployment that ran before quorum queues has classic work queues, with messages waiting in them,
// in their delay queues and in their dead-letter queues. The relay's migration moves every one of
// them into the quorum queues and deletes the old queues; a second run finds nothing to do.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEAD_LETTER_EXCHANGE, EVENTS_EXCHANGE, LEGACY_CLASSIC_QUEUES, QUEUES, ROUTING_KEYS, deadLetterQueue, retryQueue } from '../../server/messaging/names.ts'
import { migrateClassicQueues } from '../../server/messaging/queue-migration.ts'
import { declareTopology } from '../../server/messaging/topology.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import { drainQueue, openTestChannel } from '../support/workers.ts'

const RETRY_DELAYS = [60_000]
const QUEUE = QUEUES.notifications
const LEGACY = LEGACY_CLASSIC_QUEUES[QUEUE]
const quiet = { info: () => {} }
let vhost: TestVhost

beforeAll(async () => {
  vhost = await createTestVhost()
})
afterAll(async () => {
  await vhost?.drop()
})

describe('classic to quorum work queues', () => {
  it('moves waiting, delayed and dead messages into the quorum queues and deletes the classic ones', async () => {
    const { connection, channel, close } = await openTestChannel(vhost.url)
    try {
      // The topology as it was: classic queues under the old names, bound to the events exchange.
      await channel.assertExchange(EVENTS_EXCHANGE, 'topic', { durable: true })
      await channel.assertExchange(DEAD_LETTER_EXCHANGE, 'direct', { durable: true })
      await channel.assertQueue(LEGACY, { durable: true, arguments: { 'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE, 'x-dead-letter-routing-key': LEGACY } })
      await channel.bindQueue(LEGACY, EVENTS_EXCHANGE, ROUTING_KEYS.userRegistered)
      await channel.assertQueue(retryQueue(LEGACY, 60_000), { durable: true, arguments: { 'x-message-ttl': 60_000, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': LEGACY } })
      await channel.assertQueue(deadLetterQueue(LEGACY), { durable: true })
      const send = (queue: string) => {
        const id = randomUUID()
        channel.sendToQueue(queue, Buffer.from(JSON.stringify({ id })), { messageId: id, persistent: true, headers: { 'x-bookify-attempt': 2 } })
        return id
      }
      const waiting = [send(LEGACY), send(LEGACY)]
      const delayed = send(retryQueue(LEGACY, 60_000))
      const dead = send(deadLetterQueue(LEGACY))

      await declareTopology(channel, RETRY_DELAYS)
      await migrateClassicQueues(connection, RETRY_DELAYS, quiet)

      const work = await drainQueue(channel, QUEUE)
      expect(work.map(m => m.properties.messageId).sort()).toEqual([...waiting, delayed].sort())
      expect(work.every(m => m.properties.headers?.['x-bookify-attempt'] === 2)).toBe(true)
      expect((await drainQueue(channel, deadLetterQueue(QUEUE))).map(m => m.properties.messageId)).toEqual([dead])
      // The old queues are gone, and new messages reach the quorum queue only.
      for (const old of [LEGACY, retryQueue(LEGACY, 60_000), deadLetterQueue(LEGACY)]) {
        const probe = await connection.createChannel()
        probe.on('error', () => {})
        await expect(probe.checkQueue(old)).rejects.toThrow(/NOT_FOUND/)
      }
      channel.publish(EVENTS_EXCHANGE, ROUTING_KEYS.userRegistered, Buffer.from('{}'), { messageId: 'after', persistent: true })
      await expect.poll(async () => (await drainQueue(channel, QUEUE)).map(m => m.properties.messageId)).toEqual(['after'])

      // Run again (another relay, a restart): nothing to move, nothing fails.
      await migrateClassicQueues(connection, RETRY_DELAYS, quiet)
    } finally {
      await close()
    }
  })
})

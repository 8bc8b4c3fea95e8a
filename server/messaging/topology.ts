// RabbitMQ topology as data (rascal's habit): the relay and every consumer declare all of it on each
// (re)connect, so a broker that lost its definitions, or starts empty, is set up again by whoever
// connects first. Declaring is idempotent as long as the arguments below never change for an
// existing queue (RabbitMQ refuses a re-declaration with other arguments: rename the queue instead).
import type { Channel } from 'amqplib'
import {
  DEAD_LETTER_EXCHANGE, DELIVERY_LIMIT, EVENTS_EXCHANGE, QUEUE_BINDINGS, QUEUES,
  deadLetterQueue, retryQueue, type QueueName,
} from './names.ts'

export interface ExchangeSpec {
  name: string
  type: 'topic' | 'direct'
}

export interface QueueSpec {
  name: string
  arguments: Record<string, unknown>
}

export interface BindingSpec {
  queue: string
  exchange: string
  pattern: string
}

export interface Topology {
  exchanges: ExchangeSpec[]
  queues: QueueSpec[]
  bindings: BindingSpec[]
}

/**
 * Per consumer queue `q`:
 * - `q` itself, a quorum queue (replicated on a cluster; classic queues are not), bound to the events
 *   exchange for its routing keys; what it rejects goes to `q.dead`, and so does a message delivered
 *   DELIVERY_LIMIT times without an ack (one that kills its consumer each time);
 * - `q.retry.<delay>`, one per retry delay: a message waits there for its TTL, then the broker
 *   dead-letters it through the default exchange straight back to `q` (and to no other queue);
 * - `q.dead`, bound to the dead-letter exchange with routing key `q`, where poison messages stay
 *   for a person to look at.
 */
export function messagingTopology(retryDelaysMs: readonly number[], queues: readonly QueueName[] = Object.values(QUEUES)): Topology {
  const topology: Topology = {
    exchanges: [{ name: EVENTS_EXCHANGE, type: 'topic' }, { name: DEAD_LETTER_EXCHANGE, type: 'direct' }],
    queues: [],
    bindings: [],
  }
  for (const queue of queues) {
    topology.queues.push({
      name: queue,
      arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': DELIVERY_LIMIT, 'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE, 'x-dead-letter-routing-key': queue },
    })
    for (const pattern of QUEUE_BINDINGS[queue]) topology.bindings.push({ queue, exchange: EVENTS_EXCHANGE, pattern })
    for (const delayMs of new Set(retryDelaysMs)) {
      topology.queues.push({
        name: retryQueue(queue, delayMs),
        arguments: { 'x-message-ttl': delayMs, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
      })
    }
    topology.queues.push({ name: deadLetterQueue(queue), arguments: {} })
    topology.bindings.push({ queue: deadLetterQueue(queue), exchange: DEAD_LETTER_EXCHANGE, pattern: queue })
  }
  return topology
}

/** Declares exchanges, queues and bindings; everything durable. `retryDelaysMs`: config().retryDelaysMs. */
export async function declareTopology(channel: Channel, retryDelaysMs: readonly number[]): Promise<void> {
  const topology = messagingTopology(retryDelaysMs)
  for (const exchange of topology.exchanges) await channel.assertExchange(exchange.name, exchange.type, { durable: true })
  for (const queue of topology.queues) await channel.assertQueue(queue.name, { durable: true, arguments: queue.arguments })
  for (const binding of topology.bindings) await channel.bindQueue(binding.queue, binding.exchange, binding.pattern)
}

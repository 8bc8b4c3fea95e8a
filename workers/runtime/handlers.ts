// What a consumer hands the runtime: one handler per routing key its queue receives, each called
// with exactly its message's payload, already validated by the runtime (parseMessage in
// server/messaging/envelope.ts), and the same tools for every handler.
//
//   const handlers: HandlerMap<typeof QUEUES.cleanup> = {
//     [ROUTING_KEYS.holdExpired]: async (data, { log, tx }) => { … data.placeIds … },
//   }
//
// A key the queue is not bound to is a type error; a bound key left out is acknowledged unhandled.
import type { Db } from '../../server/db/client.ts'
import type { TxRunner } from '../../server/domain/ports.ts'
import type { ValidMessage } from '../../server/messaging/envelope.ts'
import type { MessagePayload } from '../../server/messaging/messages.ts'
import type { BoundKey, QueueName, RoutingKey } from '../../server/messaging/names.ts'
import type { Logger } from '../../server/observability/logger.ts'

export interface HandlerTools {
  db: Db
  /** Already carries consumer, queue, messageId, correlationId, type and attempt. */
  log: Logger
  /** Runs `fn` in a transaction; the first call also records the message as processed, atomically. */
  tx: TxRunner
  /** The outbox row's id: what effects are deduplicated on. */
  messageId: string
  correlationId: string | null
}

export type PayloadOf<K extends RoutingKey> = MessagePayload<K>
export type MessageHandler<K extends RoutingKey> = (data: PayloadOf<K>, tools: HandlerTools) => Promise<void>

export type HandlerMap<Q extends QueueName> = { readonly [K in BoundKey<Q>]?: MessageHandler<K> }

/** The handler for this message's type, bound to its payload; undefined when the map has none. */
export function handlerFor<Q extends QueueName>(handlers: HandlerMap<Q>, message: ValidMessage): ((tools: HandlerTools) => Promise<void>) | undefined {
  // One lookup by the message's own type: the payload was validated against that type's schema.
  const handler = (handlers as Partial<Record<RoutingKey, MessageHandler<RoutingKey>>>)[message.type]
  return handler && (tools => handler(message.data as never, tools))
}

/** Runs the message's handler; false when there is none. Tests drive handlers through this too. */
export async function dispatch<Q extends QueueName>(handlers: HandlerMap<Q>, message: ValidMessage, tools: HandlerTools): Promise<boolean> {
  const run = handlerFor(handlers, message)
  if (!run) return false
  await run(tools)
  return true
}

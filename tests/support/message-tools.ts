// Driving message handlers without RabbitMQ: a message built from the outbox row the domain wrote and
// validated as the consumer runtime validates it, dispatched through the runtime's own handler
// lookup, with tools like the runtime's (the first tx also records the message as processed).
import { pino } from 'pino'
import type { Db, Prisma } from '../../server/db/client.ts'
import { envelopeOf, parseMessage, type ValidMessage } from '../../server/messaging/envelope.ts'
import type { QueueName } from '../../server/messaging/names.ts'
import { dispatch, type HandlerMap, type HandlerTools } from '../../workers/runtime/handlers.ts'

export const quietLog = pino({ level: 'silent' })

/** The newest outbox message of this type about this aggregate, as consumers receive it. */
export async function outboxEnvelope(db: Db, routingKey: string, aggregateId: string): Promise<ValidMessage> {
  const row = await db.outboxMessage.findFirstOrThrow({ where: { routingKey, aggregateId }, orderBy: { createdAt: 'desc' } })
  const parsed = parseMessage(JSON.stringify(envelopeOf(row)))
  if (!parsed.ok) throw new Error(`outbox row ${row.id} would be dead-lettered: ${parsed.error}`)
  return parsed.message
}

/** `(message, tools) => …` running the message's handler from `handlers`; fails when there is none. */
export function dispatcher<Q extends QueueName>(handlers: HandlerMap<Q>) {
  return async (message: ValidMessage, tools: HandlerTools): Promise<void> => {
    if (!await dispatch(handlers, message, tools)) throw new Error(`no handler for ${message.type}`)
  }
}

function toolsFor(db: Db, message: ValidMessage, tx: HandlerTools['tx']): HandlerTools {
  return { db, log: quietLog, tx, messageId: message.id, correlationId: message.correlationId }
}

/** Tools like the runtime's: the first tx marks the message processed for `consumer`, atomically. */
export function runtimeTools(db: Db, consumer: string, message: ValidMessage): HandlerTools {
  let marked = false
  return toolsFor(db, message, async <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> => {
    if (marked) return db.$transaction(fn)
    const result = await db.$transaction(async (t) => {
      await t.processedMessage.create({ data: { consumer, messageId: message.id } })
      return fn(t)
    })
    marked = true
    return result
  })
}

/** Tools whose tx does not mark anything: a redelivery the runtime could not recognise. */
export function bareTools(db: Db, message: ValidMessage): HandlerTools {
  return toolsFor(db, message, fn => db.$transaction(fn))
}

/** Tools whose tx fails, as if the process died just before the commit. */
export function crashingTools(db: Db, message: ValidMessage): HandlerTools {
  return toolsFor(db, message, async () => { throw new Error('simulated crash before commit') })
}

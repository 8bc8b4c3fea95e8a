// Driving message handlers without RabbitMQ: an envelope built from the outbox row the domain wrote,
// and handler tools like the consumer runtime's (the first tx also records the message as processed).
import type { Db, Prisma } from '../../server/db/client.ts'
import { envelopeOf } from '../../server/messaging/envelope.ts'
import type { MessageEnvelope } from '../../server/messaging/messages.ts'

export const quietLog = { info() {}, warn() {}, error() {}, debug() {} }

/** The newest outbox message of this type about this aggregate, as consumers receive it. */
export async function outboxEnvelope(db: Db, routingKey: string, aggregateId: string): Promise<MessageEnvelope> {
  const row = await db.outboxMessage.findFirstOrThrow({ where: { routingKey, aggregateId }, orderBy: { createdAt: 'desc' } })
  return envelopeOf(row)
}

/** Tools like the runtime's: the first tx marks the message processed for `consumer`, atomically. */
export function runtimeTools(db: Db, consumer: string, messageId: string) {
  let marked = false
  return {
    db,
    log: quietLog,
    tx: async <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> => {
      if (marked) return db.$transaction(fn)
      const result = await db.$transaction(async (t) => {
        await t.processedMessage.create({ data: { consumer, messageId } })
        return fn(t)
      })
      marked = true
      return result
    },
  }
}

/** Tools whose tx does not mark anything: a redelivery the runtime could not recognise. */
export function bareTools(db: Db) {
  return { db, log: quietLog, tx: <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => db.$transaction(fn) }
}

/** Tools whose tx fails, as if the process died just before the commit. */
export function crashingTools(db: Db) {
  return { db, log: quietLog, tx: async (): Promise<never> => { throw new Error('simulated crash before commit') } }
}

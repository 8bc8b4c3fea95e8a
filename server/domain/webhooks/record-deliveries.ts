// A domain message becomes one delivery per matching endpoint: enabled, subscribed to the type, and
// either for this event or for every event of its organiser. The body is built here, once, so every
// endpoint and every retry or resend carries the same facts.
import type { Db, Prisma } from '../../db/client.ts'
import type { ValidMessage } from '../../messaging/envelope.ts'
import { webhookSourceOf } from './event-types.ts'
import { payloadData, webhookPayload } from './payload.ts'

export interface RecordedDelivery {
  id: string
  /** False when an older delivery of the same aggregate is still pending: that one's end schedules it. */
  first: boolean
}

type TxRunner = <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>

/**
 * Writes the deliveries inside `tx` (the consumer's transaction, which also marks the message
 * processed, so a redelivered message adds none). Returns them for scheduling after the commit.
 */
export async function recordDeliveries(db: Db, tx: TxRunner, message: ValidMessage): Promise<RecordedDelivery[]> {
  const source = webhookSourceOf(message)
  if (!source) return []
  let eventId = source.eventId
  if (!eventId && source.bookingId) eventId = (await db.booking.findUnique({ where: { id: source.bookingId }, select: { eventId: true } }))?.eventId
  if (!eventId) return []
  const event = await db.event.findUnique({ where: { id: eventId }, select: { organiserId: true } })
  if (!event) return []
  const endpoints = await db.webhookEndpoint.findMany({
    where: {
      disabledAt: null,
      eventTypes: { has: source.type },
      OR: [{ eventId }, { eventId: null, organiserId: event.organiserId }],
    },
    select: { id: true },
  })
  if (endpoints.length === 0) return []
  const data = await payloadData(db, message, source)
  if (!data) return []
  const payload = webhookPayload(message.id, source.type, new Date(message.occurredAt), data) as unknown as Prisma.InputJsonValue
  return tx(async (t) => {
    const created = await t.webhookDelivery.createManyAndReturn({
      data: endpoints.map(e => ({ endpointId: e.id, messageId: message.id, aggregateKey: source.aggregateKey, eventType: source.type, payload })),
      skipDuplicates: true,
      select: { id: true, endpointId: true, seq: true },
    })
    const recorded: RecordedDelivery[] = []
    for (const row of created) {
      const older = await t.webhookDelivery.count({ where: { endpointId: row.endpointId, aggregateKey: source.aggregateKey, status: 'PENDING', seq: { lt: row.seq } } })
      recorded.push({ id: row.id, first: older === 0 })
    }
    return recorded
  })
}

// Writes a domain event to the outbox inside the caller's transaction (invariant 3): the row commits
// or rolls back with the change it describes, and the relay publishes it later. The row keeps the
// traceparent of the active span (the request's, while tracing is on) so the relay continues its trace.
import type { Prisma } from '../db/client.ts'
import { aggregateOf, MESSAGE_PAYLOADS, type MessagePayload } from './messages.ts'
import type { RoutingKey } from './names.ts'
import { currentTraceparent } from '../observability/tracing/trace-context.ts'

interface OutboxWriter {
  outboxMessage: { create(args: { data: Prisma.OutboxMessageCreateInput }): Promise<unknown> }
}

export function outboxData<K extends RoutingKey>(type: K, data: MessagePayload<K>, correlationId?: string): Prisma.OutboxMessageCreateInput {
  const payload = MESSAGE_PAYLOADS[type].parse(data) as Prisma.InputJsonValue
  return { ...aggregateOf(type, data), routingKey: type, payload, correlationId, traceparent: currentTraceparent() }
}

export async function writeOutbox<K extends RoutingKey>(db: OutboxWriter, type: K, data: MessagePayload<K>, correlationId?: string): Promise<void> {
  await db.outboxMessage.create({ data: outboxData(type, data, correlationId) })
}

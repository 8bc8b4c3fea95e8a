// The relay's SQL. Rows are claimed with FOR UPDATE SKIP LOCKED inside the relay's transaction,
// which stays open until the broker has confirmed them, so relays never publish the same row at
// the same time. Only the oldest unpublished row of each aggregate is claimable: the NOT EXISTS
// below sees older unpublished rows even while another relay holds them locked, so however many
// relays run, an aggregate's messages go out one after another, in order.
import type { Prisma } from '../db/client.ts'
import type { OutboxRowForWire } from './envelope.ts'

type Tx = Prisma.TransactionClient

export interface ClaimedOutboxRow extends OutboxRowForWire {
  /** `<aggregateType>:<aggregateId>`: the unit of ordering. */
  aggregateKey: string
  attempts: number
  /** The writer's span (W3C traceparent), continued by the publish; null when it was not traced. */
  traceparent: string | null
}

interface Row {
  id: string
  aggregate_key: string
  routing_key: string
  payload: unknown
  correlation_id: string | null
  created_at: Date
  attempts: number
  traceparent: string | null
}

/** Up to `limit` aggregate heads, oldest first, skipping rows locked by another relay and the aggregates in `skip`. */
export async function claimOutboxBatch(tx: Tx, limit: number, skip: readonly string[] = []): Promise<ClaimedOutboxRow[]> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT o.id::text, o.aggregate_type || ':' || o.aggregate_id AS aggregate_key, o.routing_key, o.payload,
           o.correlation_id, o.created_at, o.attempts, o.traceparent
      FROM outbox_messages o
     WHERE o.published_at IS NULL
       AND NOT (o.aggregate_type || ':' || o.aggregate_id = ANY(${skip as string[]}::text[]))
       AND NOT EXISTS (
         SELECT 1 FROM outbox_messages older
          WHERE older.published_at IS NULL
            AND older.aggregate_type = o.aggregate_type AND older.aggregate_id = o.aggregate_id
            AND (older.created_at, older.id) < (o.created_at, o.id))
     ORDER BY o.created_at, o.id
     LIMIT ${limit}
     FOR UPDATE OF o SKIP LOCKED`
  return rows.map(r => ({
    id: r.id,
    aggregateKey: r.aggregate_key,
    routingKey: r.routing_key,
    payload: r.payload,
    correlationId: r.correlation_id,
    createdAt: r.created_at,
    attempts: r.attempts,
    traceparent: r.traceparent,
  }))
}

export async function markOutboxPublished(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return
  await tx.$executeRaw`UPDATE outbox_messages SET published_at = now() WHERE id = ANY(${ids as string[]}::uuid[])`
}

export async function markOutboxFailed(tx: Tx, id: string, error: string): Promise<void> {
  await tx.$executeRaw`UPDATE outbox_messages SET attempts = attempts + 1, last_error = ${error.slice(0, 1000)} WHERE id = ${id}::uuid`
}

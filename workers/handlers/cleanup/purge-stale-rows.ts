// Housekeeping deletes, in batches of a few thousand rows so no statement holds locks for long.
// Retention: refresh-token families 1 day past expiry or revocation (their tokens cascade),
// processed-message ids 14 days (far beyond any redelivery), Idempotency-Key answers 2 days
// (clients retry within minutes), published outbox rows 7 days (kept for replay and debugging).
import type { Db } from '../../../server/db/client.ts'

const BATCH = 5_000

/** Each statement deletes at most BATCH rows and is repeated until one deletes fewer. */
const PURGES = {
  refresh_token_families: `DELETE FROM refresh_token_families WHERE id IN (SELECT id FROM refresh_token_families
    WHERE expires_at < now() - interval '1 day' OR revoked_at < now() - interval '1 day' LIMIT ${BATCH})`,
  processed_messages: `DELETE FROM processed_messages WHERE ctid IN (SELECT ctid FROM processed_messages
    WHERE processed_at < now() - interval '14 days' LIMIT ${BATCH})`,
  idempotency_keys: `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys
    WHERE created_at < now() - interval '2 days' LIMIT ${BATCH})`,
  outbox_messages: `DELETE FROM outbox_messages WHERE id IN (SELECT id FROM outbox_messages
    WHERE published_at < now() - interval '7 days' LIMIT ${BATCH})`,
} as const

export type PurgedTable = keyof typeof PURGES

async function purge(db: Db, table: PurgedTable): Promise<number> {
  let total = 0
  for (;;) {
    const deleted = await db.$executeRawUnsafe(PURGES[table])
    total += deleted
    if (deleted < BATCH) return total
  }
}

/** Hourly. */
export async function purgeStaleRows(db: Db): Promise<Record<PurgedTable, number>> {
  return {
    refresh_token_families: await purge(db, 'refresh_token_families'),
    processed_messages: await purge(db, 'processed_messages'),
    idempotency_keys: await purge(db, 'idempotency_keys'),
    outbox_messages: 0,
  }
}

/** Daily. */
export async function prunePublishedOutbox(db: Db): Promise<number> {
  return purge(db, 'outbox_messages')
}

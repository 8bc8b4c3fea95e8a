// Idempotency-Key bookkeeping in PostgreSQL (never only in Redis): the key row is claimed before
// the action runs, so a concurrent duplicate cannot act a second time, and the first answer is
// stored for every retry.
import { createHash } from 'node:crypto'
import type { Db, Prisma } from '../../db/client.ts'
import { DomainError } from '../errors.ts'

interface KeyRef {
  userId: string
  scope: string
  key: string
}

interface StoredAnswer {
  statusCode: number
  body: unknown
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex')
}

/** Returns null when the key is new and now ours, or the stored answer of the first request. */
export async function claimKey(db: Db, ref: KeyRef, hash: string): Promise<StoredAnswer | null> {
  const inserted = await db.$executeRaw`
    INSERT INTO idempotency_keys (user_id, scope, key, request_hash, created_at)
    VALUES (${ref.userId}::uuid, ${ref.scope}, ${ref.key}, ${hash}, now())
    ON CONFLICT DO NOTHING`
  if (inserted === 1) return null
  const row = await db.idempotencyKey.findUnique({ where: { userId_scope_key: ref } })
  if (!row) return claimKey(db, ref, hash) // the first request failed and let go of the key meanwhile
  if (row.requestHash !== hash) {
    throw new DomainError('CONFLICT', 'This Idempotency-Key was already used for a different request.', { reason: 'IDEMPOTENCY_KEY_REUSED' })
  }
  if (row.statusCode === null) {
    throw new DomainError('CONFLICT', 'The first request with this Idempotency-Key is still being processed; retry shortly.', { reason: 'IDEMPOTENCY_IN_PROGRESS' })
  }
  return { statusCode: row.statusCode, body: row.responseBody }
}

export async function storeAnswer(db: Db, ref: KeyRef, answer: StoredAnswer): Promise<void> {
  await db.idempotencyKey.update({
    where: { userId_scope_key: ref },
    data: { statusCode: answer.statusCode, responseBody: (answer.body ?? null) as Prisma.InputJsonValue },
  })
}

/** The first request failed unexpectedly (nothing was decided): a retry may act. */
export async function releaseKey(db: Db, ref: KeyRef): Promise<void> {
  await db.idempotencyKey.deleteMany({ where: { ...ref, statusCode: null } })
}

// An organiser's API keys: created with a name, scopes and an optional expiry (the secret is returned
// once, only its hash kept), listed, and revoked. Any signed-in user may organise, so any may hold
// keys; a key acts as its owner within its scopes (server/utils/api-key-caller.ts).
import type { Db } from '../../db/client.ts'
import type { CreateApiKeyBody } from '../../../shared/schemas/api-keys.ts'
import type { ApiKeyCreatedDto, ApiKeyDto } from '../../../shared/types/api-key.ts'
import type { RequestOrigin } from '../accounts/audit.ts'
import { DomainError } from '../errors.ts'
import { auditApiKey } from './api-key-audit.ts'
import { toApiKeyDto } from './api-key-dto.ts'
import { apiKeyPrefix, hashApiKeySecret, newApiKeySecret } from './api-key-secret.ts'

/** A bound on keys per account (revoked ones included), so a runaway script cannot make millions. */
export const MAX_API_KEYS_PER_USER = 50

export async function createApiKey(db: Db, userId: string, body: CreateApiKeyBody, origin: RequestOrigin): Promise<ApiKeyCreatedDto> {
  if (await db.apiKey.count({ where: { userId, revokedAt: null } }) >= MAX_API_KEYS_PER_USER) {
    throw new DomainError('CONFLICT', `An account has at most ${MAX_API_KEYS_PER_USER} active keys; revoke one first.`, { reason: 'TOO_MANY_KEYS' })
  }
  const secret = newApiKeySecret()
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        userId,
        name: body.name,
        prefix: apiKeyPrefix(secret),
        secretHash: hashApiKeySecret(secret),
        scopes: body.scopes,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
      },
    })
    await auditApiKey(tx, 'api_key.created', created, origin, { data: { scopes: body.scopes, expiresAt: body.expiresAt ?? null } })
    return created
  })
  return { ...toApiKeyDto(row), secret }
}

export async function listApiKeys(db: Db, userId: string): Promise<{ items: ApiKeyDto[] }> {
  const rows = await db.apiKey.findMany({ where: { userId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })
  return { items: rows.map(toApiKeyDto) }
}

/** Revokes one of the caller's keys at once (the next request with it is 401); again is a no-op. */
export async function revokeApiKey(db: Db, userId: string, keyId: string, origin: RequestOrigin, now = new Date()): Promise<ApiKeyDto> {
  const key = await db.apiKey.findFirst({ where: { id: keyId, userId } })
  // Someone else's key is 404, never 403: its existence is not the caller's business.
  if (!key) throw new DomainError('NOT_FOUND', 'There is no such API key.')
  if (key.revokedAt) return toApiKeyDto(key)
  const revoked = await db.$transaction(async (tx) => {
    const row = await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: now } })
    await auditApiKey(tx, 'api_key.revoked', row, origin)
    return row
  })
  return toApiKeyDto(revoked)
}

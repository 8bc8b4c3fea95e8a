// Who a `Bearer bk_…` request acts for: the key's owner, within the key's scopes, while the key is
// neither revoked nor expired. Every refusal is 401 TOKEN_INVALID with the reason in details.
import type { Db } from '../../db/client.ts'
import type { ApiKeyScope } from '../../../shared/schemas/api-keys.ts'
import { DomainError } from '../errors.ts'
import { hashApiKeySecret, isWellFormedApiKey } from './api-key-secret.ts'

export interface ApiKeyPrincipal {
  id: string
  name: string
  userId: string
  scopes: ApiKeyScope[]
}

/** last_used_at is written at most this often per key: a busy script should not write on every call. */
const LAST_USED_GRANULARITY_MS = 60_000

export async function authenticateApiKey(db: Db, secret: string, now = new Date()): Promise<ApiKeyPrincipal> {
  const key = isWellFormedApiKey(secret)
    ? await db.apiKey.findUnique({ where: { secretHash: hashApiKeySecret(secret) }, include: { user: { select: { disabledAt: true } } } })
    : null
  if (!key) throw new DomainError('TOKEN_INVALID', 'This API key is not valid.', { reason: 'unknown' })
  if (key.revokedAt) throw new DomainError('TOKEN_INVALID', 'This API key has been revoked.', { reason: 'revoked' })
  if (key.expiresAt && key.expiresAt <= now) throw new DomainError('TOKEN_INVALID', 'This API key has expired.', { reason: 'expired' })
  if (key.user.disabledAt) throw new DomainError('TOKEN_INVALID', 'The account this key belongs to is disabled.', { reason: 'revoked' })
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } })
  }
  return { id: key.id, name: key.name, userId: key.userId, scopes: key.scopes as ApiKeyScope[] }
}

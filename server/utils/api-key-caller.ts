// A request with `Authorization: Bearer bk_…` acts as the key's owner, within the key's scopes:
// the key is checked (401 unknown, revoked or expired), the request is audited with the key's name
// whatever its outcome, counted against the key's rate limit (RateLimit-* headers on every answer),
// and refused with 403 SCOPE_DENIED unless the route's operation names one of the key's scopes or is
// public. Routes then see an ordinary caller (requireUser), never with admin powers.
import type { H3Event } from 'h3'
import { authenticateApiKey, type ApiKeyPrincipal } from '../domain/integrations/authenticate-api-key.ts'
import { auditApiKey } from '../domain/integrations/api-key-audit.ts'
import { DomainError } from '../domain/errors.ts'
import { matchOperation } from '../openapi/match-operation.ts'
import type { ApiOperation } from '../openapi/operations.ts'
import { useLogger } from '../observability/logger.ts'
import { config } from '../config/env.ts'
import { useDb } from './db.ts'
import { isDisabledUser } from './disabled-users.ts'
import { enforceRateLimit } from './rate-limit.ts'
import { requestOrigin } from './session-context.ts'

const EVENT_PATH = /^\/api\/events\/([0-9a-f-]{36})(?:\/|$)/i

/** One audit row per request made with a key, written once the answer is sent (its status known). */
function auditWhenAnswered(event: H3Event, key: ApiKeyPrincipal, op: ApiOperation | undefined): void {
  const origin = requestOrigin(event)
  const path = event.path.split('?')[0]!
  event.node.res.once('finish', () => {
    const status = event.node.res.statusCode
    // The event's own log shows what a key did to it; only once the route found it (a foreign key otherwise).
    const eventId = status < 400 && op?.path.startsWith('/api/events/{id}') ? EVENT_PATH.exec(path)?.[1] : undefined
    const operation = op ? `${op.method.toUpperCase()} ${op.path}` : null
    auditApiKey(useDb(), 'api_key.request', key, origin, { eventId, data: { method: event.method, path, operation, status } })
      .catch(err => useLogger().warn({ err: (err as Error).message, apiKeyId: key.id }, 'could not audit an API key request'))
  })
}

function mayCall(key: ApiKeyPrincipal, op: ApiOperation | undefined): boolean {
  if (!op) return true // no such route: the catch-all answers 404/405 and nothing is exposed
  return op.scope ? key.scopes.includes(op.scope) : op.auth === 'public'
}

export async function authenticateApiKeyRequest(event: H3Event, secret: string): Promise<void> {
  const key = await authenticateApiKey(useDb(), secret)
  if (isDisabledUser(key.userId)) throw new DomainError('TOKEN_INVALID', 'The account this key belongs to is disabled.', { reason: 'revoked' })
  const op = matchOperation(event.method, event.path)
  auditWhenAnswered(event, key, op)
  await enforceRateLimit(event, 'api-key', key.id, config().apiKeyRateLimitPerMinute, 60, { announce: true })
  if (!mayCall(key, op)) {
    throw new DomainError('SCOPE_DENIED', op?.scope
      ? `This API key lacks the ${op.scope} scope this route needs.`
      : 'API keys cannot be used on this route; sign in instead.', { required: op?.scope ?? null, scopes: key.scopes })
  }
  // familyId names the key: nothing a key can call revokes sessions by family.
  event.context.caller = { userId: key.userId, role: 'USER', familyId: `api-key:${key.id}`, via: 'apiKey' }
  event.context.apiKey = { id: key.id, name: key.name, scopes: key.scopes }
}

declare module 'h3' {
  interface H3EventContext {
    apiKey?: Pick<ApiKeyPrincipal, 'id' | 'name' | 'scopes'>
  }
}

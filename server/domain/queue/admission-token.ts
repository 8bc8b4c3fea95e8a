// The admission token a waiting room hands a buyer whose turn came: an HS256 JWT (jose, like the
// access tokens) bound to one account and one event, valid for the event's hold length from the
// moment of admission. Its own audience, so neither token can stand in for the other.
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose'
import { DomainError } from '../errors.ts'

const ISSUER = 'bookify'
const AUDIENCE = 'bookify-admission'
const ALGORITHM = 'HS256'

export interface AdmissionClaims {
  userId: string
  eventId: string
  /** The place in line that was admitted. */
  position: number
  /** Epoch ms the token stops working. */
  expiresAt: number
}

const keyCache = new Map<string, Promise<CryptoKey>>()
function key(secret: string): Promise<CryptoKey> {
  let k = keyCache.get(secret)
  if (!k) {
    // A key of its own use: derived from AUTH_SECRET, so an access token's signature never verifies here.
    k = crypto.subtle.importKey('raw', new TextEncoder().encode(`admission:${secret}`), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    keyCache.set(secret, k)
  }
  return k
}

export async function signAdmissionToken(claims: AdmissionClaims, secret: string): Promise<string> {
  return new SignJWT({ evt: claims.eventId, pos: claims.position })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(claims.expiresAt / 1000))
    .sign(await key(secret))
}

function queueRequired(message: string, reason: string): DomainError {
  return new DomainError('QUEUE_REQUIRED', message, { reason })
}

/** The claims of a token that is valid for `userId` on `eventId`; QUEUE_REQUIRED otherwise. */
export async function verifyAdmissionToken(token: string | undefined, secret: string, userId: string, eventId: string): Promise<AdmissionClaims> {
  if (!token) throw queueRequired('This sale has a waiting room: join the queue to buy.', 'missing')
  let payload
  try {
    ({ payload } = await jwtVerify(token, await key(secret), { algorithms: [ALGORITHM], issuer: ISSUER, audience: AUDIENCE }))
  } catch (err) {
    const expired = err instanceof joseErrors.JWTExpired
    throw queueRequired(expired ? 'Your turn in the waiting room has lapsed; join the queue again.' : 'The admission token is not valid.', expired ? 'expired' : 'invalid')
  }
  if (payload.sub !== userId || payload.evt !== eventId || typeof payload.pos !== 'number' || typeof payload.exp !== 'number') {
    throw queueRequired('This admission token belongs to someone else or another event.', 'not_yours')
  }
  return { userId, eventId, position: payload.pos, expiresAt: payload.exp * 1000 }
}

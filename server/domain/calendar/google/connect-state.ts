// The OAuth `state`: a 10-minute HS256 JWT naming the user who started the connect flow. Its own
// audience keeps it from ever passing as an access token (and the reverse).
import { randomUUID } from 'node:crypto'
import { SignJWT, jwtVerify } from 'jose'

const AUDIENCE = 'bookify-google-connect'
const ISSUER = 'bookify'
const STATE_TTL_SECONDS = 10 * 60

const key = (secret: string) => new TextEncoder().encode(secret)

export async function signConnectState(userId: string, secret: string, now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000)
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + STATE_TTL_SECONDS)
    .sign(key(secret))
}

/** The user the state was issued to, or null when it is forged, expired or not a state at all. */
export async function verifyConnectState(state: string, secret: string): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(state, key(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE })
    return typeof payload.sub === 'string' ? payload.sub : null
  } catch {
    return null
  }
}

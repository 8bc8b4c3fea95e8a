// Bookify-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> under the endpoint's
// secret — Stripe's scheme, so receivers know it: the timestamp inside the MAC lets them refuse
// replays older than a few minutes, and `v1` leaves room for another scheme beside it later.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'Bookify-Signature'

/** `whsec_` + 32 random bytes (base64url). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

export function signatureHeader(secret: string, body: string, now = new Date()): string {
  const t = Math.floor(now.getTime() / 1000)
  return `t=${t},v1=${signatureOf(secret, t, body)}`
}

/** The receiver's side (README, "Integrations"); the tests use it too. */
export function verifySignature(secret: string, header: string, body: string, toleranceSeconds = 300, now = new Date()): boolean {
  const parts = Object.fromEntries(header.split(',').map(kv => kv.split('=', 2) as [string, string]))
  const t = Number(parts.t)
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false
  const expected = Buffer.from(signatureOf(secret, t, body), 'hex')
  const given = Buffer.from(parts.v1, 'hex')
  return given.length === expected.length && timingSafeEqual(given, expected)
}

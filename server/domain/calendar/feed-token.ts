// The private calendar feed's token: `<userId>.<version>.<HMAC>`, derived from the server secret, so it
// needs no table and GET /api/me can show it again at any time. Revoking bumps the user's
// calendar_feed_version, which makes every earlier token fail (the MAC covers the version).
import { createHmac, timingSafeEqual } from 'node:crypto'

const PURPOSE = 'bookify:calendar-feed'
const TOKEN = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,9})\.([A-Za-z0-9_-]{43})$/

function mac(secret: string, userId: string, version: number): string {
  return createHmac('sha256', secret).update(`${PURPOSE}:${userId}:${version}`).digest('base64url')
}

export function feedToken(secret: string, userId: string, version: number): string {
  return `${userId}.${version}.${mac(secret, userId, version)}`
}

/** The user and version a token was made for, or null when it is not one of ours. */
export function readFeedToken(secret: string, token: string): { userId: string, version: number } | null {
  const match = TOKEN.exec(token)
  if (!match) return null
  const [, userId, version, given] = match as unknown as [string, string, string, string]
  const expected = Buffer.from(mac(secret, userId, Number(version)))
  return timingSafeEqual(expected, Buffer.from(given)) ? { userId, version: Number(version) } : null
}

// Google tokens at rest: encrypted with the owner's id as associated data, so a token copied onto
// another user's link does not decrypt.
import type { Db } from '../../../db/client.ts'
import { decryptSecret, encryptSecret } from '../../secrets/secrets-at-rest.ts'

interface GoogleTokens {
  access_token?: string | null
  refresh_token?: string | null
  expiry_date?: number | null
  scope?: string | null
}

const aad = (userId: string, which: 'access' | 'refresh') => `google:${userId}:${which}`

function encryptTokenFor(userId: string, which: 'access' | 'refresh', token: string, key: string): string {
  return encryptSecret(token, key, aad(userId, which))
}

export function decryptTokenFor(userId: string, which: 'access' | 'refresh', stored: string, key: string): string {
  return decryptSecret(stored, key, aad(userId, which))
}

/** After the OAuth callback: creates or replaces the user's link. */
export async function storeNewLink(db: Db, userId: string, tokens: GoogleTokens, key: string): Promise<void> {
  if (!tokens.access_token) throw new Error('Google answered without an access token.')
  const data = {
    accessTokenEnc: encryptTokenFor(userId, 'access', tokens.access_token, key),
    accessTokenExpiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
    scope: tokens.scope ?? '',
    // Google sends a refresh token only with prompt=consent; keep the old one if none came.
    ...(tokens.refresh_token ? { refreshTokenEnc: encryptTokenFor(userId, 'refresh', tokens.refresh_token, key) } : {}),
  }
  await db.googleCalendarLink.upsert({ where: { userId }, create: { userId, ...data }, update: data })
}

/** After googleapis refreshed the access token (its 'tokens' event). A link deleted meanwhile stays deleted. */
export async function storeRefreshedTokens(db: Db, userId: string, tokens: GoogleTokens, key: string): Promise<void> {
  if (!tokens.access_token) return
  await db.googleCalendarLink.updateMany({
    where: { userId },
    data: {
      accessTokenEnc: encryptTokenFor(userId, 'access', tokens.access_token, key),
      accessTokenExpiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
      ...(tokens.refresh_token ? { refreshTokenEnc: encryptTokenFor(userId, 'refresh', tokens.refresh_token, key) } : {}),
      ...(tokens.scope ? { scope: tokens.scope } : {}),
    },
  })
}

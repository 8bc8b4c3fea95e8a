// The connect flow: consent URL → callback exchanges the code and stores the tokens; disconnect
// deletes the link (its calendar entries go with it) and revokes the grant best-effort.
import type { Db } from '../../../db/client.ts'
import { DomainError } from '../../errors.ts'
import { signConnectState, verifyConnectState } from './connect-state.ts'
import type { GoogleConfig } from './google-config.ts'
import { CALENDAR_SCOPE, createOAuthClient } from './oauth-client.ts'
import { decryptTokenFor, storeNewLink } from './token-store.ts'

const REVOKE_TIMEOUT_MS = 3_000

export async function googleConsentUrl(cfg: GoogleConfig, userId: string): Promise<string> {
  return createOAuthClient(cfg).generateAuthUrl({
    access_type: 'offline',
    prompt: 'consent',
    scope: [CALENDAR_SCOPE],
    state: await signConnectState(userId, cfg.authSecret),
  })
}

/**
 * The OAuth callback. The signed state names the user; a signed-in caller must be that user. The
 * code is exchanged through googleapis' OAuth2 client and the grant must include calendar.events.
 */
export async function completeGoogleConnect(db: Db, cfg: GoogleConfig, input: { code: string, state: string, callerId?: string }): Promise<{ userId: string }> {
  const userId = await verifyConnectState(input.state, cfg.authSecret)
  if (!userId || (input.callerId && input.callerId !== userId)) {
    throw new DomainError('VALIDATION_FAILED', 'The Google sign-in link is not valid or has expired; please connect again.', { issues: [{ path: 'state', message: 'Invalid or expired.' }] })
  }
  const { tokens } = await createOAuthClient(cfg).getToken(input.code)
  if (tokens.scope && !tokens.scope.split(' ').includes(CALENDAR_SCOPE)) {
    throw new DomainError('VALIDATION_FAILED', 'Bookify needs access to your calendar events to add your bookings.', { issues: [{ path: 'scope', message: 'calendar.events was not granted.' }] })
  }
  await storeNewLink(db, userId, tokens, cfg.encryptionKey)
  return { userId }
}

export async function disconnectGoogle(db: Db, cfg: GoogleConfig | null, userId: string, log?: { warn(obj: object, msg?: string): void }): Promise<void> {
  const link = await db.googleCalendarLink.findUnique({ where: { userId } })
  if (!link) return
  await db.googleCalendarLink.deleteMany({ where: { userId } })
  if (!cfg) return
  try {
    const token = link.refreshTokenEnc
      ? decryptTokenFor(userId, 'refresh', link.refreshTokenEnc, cfg.encryptionKey)
      : decryptTokenFor(userId, 'access', link.accessTokenEnc, cfg.encryptionKey)
    await Promise.race([
      createOAuthClient(cfg).revokeToken(token),
      new Promise((_, reject) => setTimeout(() => reject(new Error('revoke timed out')), REVOKE_TIMEOUT_MS).unref()),
    ])
  } catch (err) {
    // The link is gone either way; the user can also remove Bookify in their Google account.
    log?.warn({ err: (err as Error).message, userId }, 'Google token revocation failed')
  }
}

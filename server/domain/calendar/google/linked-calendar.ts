// A Calendar API client acting for one linked user: googleapis' OAuth2 client holds the decrypted
// tokens and refreshes the access token by itself; each refresh is stored encrypted again.
import { calendar, type calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js'
import type { Db, Prisma } from '../../../db/client.ts'
import type { GoogleConfig } from './google-config.ts'
import { createOAuthClient } from './oauth-client.ts'
import { decryptTokenFor, storeRefreshedTokens } from './token-store.ts'

export interface LinkedCalendar {
  api: calendar_v3.Calendar
  calendarId: string
  /** Waits for refreshed tokens to be stored. */
  flush(): Promise<void>
}

export function linkedCalendar(db: Db, cfg: GoogleConfig, link: Prisma.GoogleCalendarLinkModel, log: { warn(obj: object, msg?: string): void }): LinkedCalendar {
  const oauth = createOAuthClient(cfg)
  oauth.setCredentials({
    access_token: decryptTokenFor(link.userId, 'access', link.accessTokenEnc, cfg.encryptionKey),
    refresh_token: link.refreshTokenEnc ? decryptTokenFor(link.userId, 'refresh', link.refreshTokenEnc, cfg.encryptionKey) : undefined,
    expiry_date: link.accessTokenExpiresAt?.getTime(),
    scope: link.scope,
  })
  const saving: Promise<void>[] = []
  oauth.on('tokens', (tokens) => {
    saving.push(storeRefreshedTokens(db, link.userId, tokens, cfg.encryptionKey)
      .catch(err => log.warn({ err: (err as Error).message, userId: link.userId }, 'could not store refreshed Google tokens')))
  })
  return {
    api: calendar({ version: 'v3', auth: oauth, rootUrl: `${cfg.apiBaseUrl}/` }),
    calendarId: link.calendarId,
    flush: async () => {
      await Promise.all(saving)
    },
  }
}

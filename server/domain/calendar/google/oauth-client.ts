// googleapis' own OAuth2 client, with every Google endpoint taken from configuration so tests
// talk to a local fake. Only the Calendar API module is loaded (the full googleapis index loads
// hundreds of APIs).
import { auth } from 'googleapis/build/src/apis/calendar/index.js'
import type { GoogleConfig } from './google-config.ts'

export const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar.events'

type OAuthClient = InstanceType<typeof auth.OAuth2>

export function createOAuthClient(cfg: GoogleConfig): OAuthClient {
  return new auth.OAuth2({
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    redirectUri: cfg.redirectUri,
    endpoints: {
      oauth2AuthBaseUrl: `${cfg.oauthBaseUrl}/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${cfg.tokenBaseUrl}/token`,
      oauth2RevokeUrl: `${cfg.tokenBaseUrl}/revoke`,
      tokenInfoUrl: `${cfg.tokenBaseUrl}/tokeninfo`,
    },
  })
}

// What the Google integration needs from the configuration; null while no OAuth client is set up.
import type { Config } from '../../../config/env.ts'

export interface GoogleConfig {
  clientId: string
  clientSecret: string
  redirectUri: string
  oauthBaseUrl: string
  tokenBaseUrl: string
  apiBaseUrl: string
  /** ENCRYPTION_KEY: tokens are stored encrypted under it. */
  encryptionKey: string
  /** AUTH_SECRET: signs the OAuth `state`. */
  authSecret: string
  appUrl: string
}

export function googleConfigOf(config: Config): GoogleConfig | null {
  if (!config.googleClientId) return null
  return {
    clientId: config.googleClientId,
    clientSecret: config.googleClientSecret ?? '',
    redirectUri: `${config.appUrl}/api/integrations/google/callback`,
    oauthBaseUrl: config.googleOAuthBaseUrl,
    tokenBaseUrl: config.googleTokenBaseUrl,
    apiBaseUrl: config.googleApiBaseUrl,
    encryptionKey: config.encryptionKey,
    authSecret: config.authSecret,
    appUrl: config.appUrl,
  }
}

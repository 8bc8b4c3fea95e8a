// The endpoint's signing secret at rest. The worker must sign with it, so it cannot be hashed like an
// API key: it is encrypted as Google tokens are (AES-256-GCM under ENCRYPTION_KEY), with the endpoint's
// id as associated data so a ciphertext copied onto another endpoint does not decrypt.
import { decryptSecret, encryptSecret } from '../secrets/secrets-at-rest.ts'

const aad = (endpointId: string) => `webhook-endpoint:${endpointId}`

export function sealWebhookSecret(endpointId: string, secret: string, encryptionKey: string): string {
  return encryptSecret(secret, encryptionKey, aad(endpointId))
}

export function openWebhookSecret(endpointId: string, sealed: string, encryptionKey: string): string {
  return decryptSecret(sealed, encryptionKey, aad(endpointId))
}

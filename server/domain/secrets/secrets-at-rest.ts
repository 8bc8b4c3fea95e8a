// Secrets at rest (Google tokens, webhook signing secrets): AES-256-GCM under a key derived from ENCRYPTION_KEY with HKDF,
// a fresh 96-bit IV per value, and optional associated data (the owner's id) so a ciphertext
// copied to another row does not decrypt. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

export class DecryptionError extends Error {
  constructor() {
    super('The encrypted value is malformed, was tampered with, or was made with another key.')
    this.name = 'DecryptionError'
  }
}

const keys = new Map<string, Buffer>()

/** ENCRYPTION_KEY may be any string; HKDF turns it into exactly 32 bytes. */
function deriveKey(secret: string): Buffer {
  let key = keys.get(secret)
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', secret, 'bookify', 'bookify/secrets-at-rest/v1', 32))
    keys.set(secret, key)
  }
  return key
}

export function encryptSecret(plaintext: string, secret: string, associatedData = ''): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret), iv, { authTagLength: TAG_BYTES })
  cipher.setAAD(Buffer.from(associatedData, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.')
}

export function decryptSecret(stored: string, secret: string, associatedData = ''): string {
  const [version, iv, tag, ciphertext, ...rest] = stored.split('.')
  if (version !== VERSION || !iv || !tag || ciphertext === undefined || rest.length) throw new DecryptionError()
  const ivBytes = Buffer.from(iv, 'base64url')
  const tagBytes = Buffer.from(tag, 'base64url')
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) throw new DecryptionError()
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret), ivBytes, { authTagLength: TAG_BYTES })
    decipher.setAAD(Buffer.from(associatedData, 'utf8'))
    decipher.setAuthTag(tagBytes)
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new DecryptionError()
  }
}

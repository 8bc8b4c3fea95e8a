// An API key's secret: `bk_` and 256 random bits. Only its sha-256 is stored — enough for a secret
// this long (no one can search 2^256 inputs), and a lookup stays one unique-index probe.
import { createHash, randomBytes } from 'node:crypto'

const PREFIX = 'bk_'
const SHAPE = /^bk_[A-Za-z0-9_-]{43}$/

export function newApiKeySecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`
}

export const hashApiKeySecret = (secret: string) => createHash('sha256').update(secret).digest('hex')

/** What lists show of a key: enough to tell keys apart, far too little to guess the rest. */
export const apiKeyPrefix = (secret: string) => secret.slice(0, PREFIX.length + 8)

/** A bearer token that claims to be an API key (anything else is an access JWT). */
export const looksLikeApiKey = (token: string) => token.startsWith(PREFIX)

export const isWellFormedApiKey = (token: string) => SHAPE.test(token)

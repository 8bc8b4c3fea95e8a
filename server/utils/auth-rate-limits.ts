// Brute-force limits on the account routes (429 with Retry-After, see rate-limit.ts). Sign-in is
// limited per client address and per account; the account key is the e-mail address as typed
// (normalised), whether or not such an account exists, so a 429 reveals nothing either.
import { createHash } from 'node:crypto'
import type { H3Event } from 'h3'
import { config } from '../config/env.ts'
import { clientAddress, enforceRateLimit } from './rate-limit.ts'

export async function limitLoginByAddress(event: H3Event): Promise<void> {
  await enforceRateLimit(event, 'login-ip', clientAddress(event), config().loginRateLimit.perIp)
}

// Hashed, so the Redis keys hold no e-mail addresses.
const accountKey = (email: string) => createHash('sha256').update(email).digest('base64url').slice(0, 22)

export async function limitLoginByAccount(event: H3Event, email: string): Promise<void> {
  await enforceRateLimit(event, 'login-account', accountKey(email), config().loginRateLimit.perAccount)
}

/** "Forgot password?" and the link's use, per client address (per minute). */
export async function limitPasswordResetByAddress(event: H3Event): Promise<void> {
  await enforceRateLimit(event, 'reset-ip', clientAddress(event), config().passwordResetRateLimit.perIp)
}

/** Reset e-mails per address asked about, per hour, whether or not it has an account. */
export async function limitPasswordResetByAccount(event: H3Event, email: string): Promise<void> {
  await enforceRateLimit(event, 'reset-account', accountKey(email), config().passwordResetRateLimit.perAccountPerHour, 3600)
}

export async function limitRegistrationByAddress(event: H3Event): Promise<void> {
  await enforceRateLimit(event, 'register-ip', clientAddress(event), config().registerRateLimitPerIp)
}

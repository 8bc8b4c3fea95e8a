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

export async function limitLoginByAccount(event: H3Event, email: string): Promise<void> {
  // Hashed, so the Redis keys hold no e-mail addresses.
  const account = createHash('sha256').update(email).digest('base64url').slice(0, 22)
  await enforceRateLimit(event, 'login-account', account, config().loginRateLimit.perAccount)
}

export async function limitRegistrationByAddress(event: H3Event): Promise<void> {
  await enforceRateLimit(event, 'register-ip', clientAddress(event), config().registerRateLimitPerIp)
}

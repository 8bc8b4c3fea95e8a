// Fixed-window rate limits in Redis: 429 with Retry-After once a window's budget is spent.
// Fails open while Redis is down — a limit protects capacity, it is never a reason to lose a sale.
import { getRequestIP, setResponseHeader, setResponseHeaders, type H3Event } from 'h3'
import { DomainError } from '../domain/errors.ts'
import { config } from '../config/env.ts'
import { redisReady, useRedis } from './redis.ts'

export function clientAddress(event: H3Event): string {
  return getRequestIP(event, { xForwardedFor: config().trustProxy }) ?? 'unknown'
}

/**
 * `announce`: also tell the client its budget on every answer (`RateLimit-Limit`, `-Remaining`,
 * `-Reset`, `RateLimit-Policy`, IETF draft), as API clients expect; the browser-facing limits stay quiet.
 */
export async function enforceRateLimit(event: H3Event, name: string, subject: string, limit: number, windowSeconds = 60, options: { announce?: boolean } = {}): Promise<void> {
  if (config().rateLimits === 'off') return
  const window = Math.floor(Date.now() / 1000 / windowSeconds)
  const key = `bookify:rl:${name}:${subject}:${window}`
  let count: number
  try {
    const redis = useRedis()
    if (!(await redisReady(redis))) return
    const [[, incr]] = (await redis.multi().incr(key).expire(key, windowSeconds + 1).exec()) as [[Error | null, number]]
    count = incr
  } catch {
    return
  }
  const retryAfter = windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds)
  if (options.announce) {
    setResponseHeaders(event, {
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, limit - count)),
      'RateLimit-Reset': String(retryAfter),
      'RateLimit-Policy': `${limit};w=${windowSeconds}`,
    })
  }
  if (count > limit) {
    setResponseHeader(event, 'Retry-After', retryAfter)
    throw new DomainError('RATE_LIMITED', 'Too many attempts; please wait a moment.', { retryAfterSeconds: retryAfter })
  }
}

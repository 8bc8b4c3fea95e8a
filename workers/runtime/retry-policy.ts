// What happens to a message whose handler failed: wait in a delay queue and come back, or, at the
// attempt limit, go to the dead-letter queue. Never requeued in place (that would spin forever).
import { RETRY_DELAYS_MS, type RetryDelayMs } from '../../server/messaging/names.ts'

export const DEFAULT_MAX_ATTEMPTS = 5

export type AfterFailure = { action: 'retry', delayMs: RetryDelayMs } | { action: 'dead-letter' }

/** `attempt` counts from 1: after attempt 1 wait 1 s, then 5 s, 30 s, 2 min (repeated). */
export function afterFailure(attempt: number, maxAttempts = DEFAULT_MAX_ATTEMPTS): AfterFailure {
  if (attempt >= maxAttempts) return { action: 'dead-letter' }
  const delayMs = RETRY_DELAYS_MS[Math.min(attempt - 1, RETRY_DELAYS_MS.length - 1)]!
  return { action: 'retry', delayMs }
}

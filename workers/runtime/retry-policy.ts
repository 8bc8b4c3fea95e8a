// What happens to a message whose handler failed: wait in a delay queue and come back, or, at the
// attempt limit, go to the dead-letter queue. Never requeued in place (that would spin forever).
export const DEFAULT_MAX_ATTEMPTS = 5

export type AfterFailure = { action: 'retry', delayMs: number } | { action: 'dead-letter' }

/**
 * `attempt` counts from 1; `retryDelaysMs` is config().retryDelaysMs. With the defaults: after attempt
 * 1 wait 1 s, then 5 s, 30 s, 2 min (the last repeated).
 */
export function afterFailure(attempt: number, maxAttempts: number, retryDelaysMs: readonly number[]): AfterFailure {
  if (attempt >= maxAttempts) return { action: 'dead-letter' }
  const delayMs = retryDelaysMs[Math.min(attempt - 1, retryDelaysMs.length - 1)]!
  return { action: 'retry', delayMs }
}

import { describe, expect, it } from 'vitest'
import { retryQueue } from '../../server/messaging/names.ts'
import { messagingTopology } from '../../server/messaging/topology.ts'
import { afterFailure } from '../../workers/runtime/retry-policy.ts'

describe('retry policy', () => {
  const delays = [1_000, 5_000, 30_000, 120_000]

  it('waits each configured delay in turn, repeats the last, and dead-letters at the attempt limit', () => {
    expect([1, 2, 3, 4, 5, 6].map(attempt => afterFailure(attempt, 7, delays))).toEqual([
      { action: 'retry', delayMs: 1_000 }, { action: 'retry', delayMs: 5_000 }, { action: 'retry', delayMs: 30_000 },
      { action: 'retry', delayMs: 120_000 }, { action: 'retry', delayMs: 120_000 }, { action: 'retry', delayMs: 120_000 },
    ])
    expect(afterFailure(7, 7, delays)).toEqual({ action: 'dead-letter' })
    expect(afterFailure(2, 3, [200, 400])).toEqual({ action: 'retry', delayMs: 400 })
  })

  it('names each delay queue by its wait, so a queue is never declared again with another TTL', () => {
    expect(retryQueue('notifications:deliver', 5_000)).toBe('notifications:deliver.retry.5s')
    expect(retryQueue('notifications:deliver', 250)).toBe('notifications:deliver.retry.250ms')
    const queues = messagingTopology([200, 400, 400], ['cleanup:release']).queues
    expect(queues.map(q => [q.name, q.arguments['x-message-ttl']])).toEqual([
      ['cleanup:release', undefined], ['cleanup:release.retry.200ms', 200], ['cleanup:release.retry.400ms', 400], ['cleanup:release.dead', undefined],
    ])
  })
})

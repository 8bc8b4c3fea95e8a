import { describe, expect, it } from 'vitest'
import { DELIVERY_LIMIT, retryQueue } from '../../server/messaging/names.ts'
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
    expect(retryQueue('notifications:deliver:quorum', 5_000)).toBe('notifications:deliver:quorum.retry.5s')
    expect(retryQueue('notifications:deliver:quorum', 250)).toBe('notifications:deliver:quorum.retry.250ms')
    const queues = messagingTopology([200, 400, 400], ['cleanup:release:quorum']).queues
    expect(queues.map(q => [q.name, q.arguments['x-message-ttl']])).toEqual([
      ['cleanup:release:quorum', undefined], ['cleanup:release:quorum.retry.200ms', 200], ['cleanup:release:quorum.retry.400ms', 400], ['cleanup:release:quorum.dead', undefined],
    ])
  })

  it('makes work queues quorum queues with a delivery limit, and leaves the delay and dead-letter queues classic', () => {
    const types = messagingTopology([1_000], ['payments:process:quorum']).queues.map(q => [q.name, q.arguments['x-queue-type'], q.arguments['x-delivery-limit']])
    expect(types).toEqual([
      ['payments:process:quorum', 'quorum', DELIVERY_LIMIT], ['payments:process:quorum.retry.1s', undefined, undefined], ['payments:process:quorum.dead', undefined, undefined],
    ])
  })
})

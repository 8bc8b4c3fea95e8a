// The real AfterCommit implementation (server/adapters/after-commit.ts) for tests that call domain
// functions directly: announcements go out on the shared Redis, where the test server hears them,
// and jobs go to a private BullMQ prefix nobody consumes (Redis is shared with other test runs).
import { randomBytes } from 'node:crypto'
import type { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { createAfterCommit } from '../../server/adapters/after-commit.ts'
import type { AfterCommit } from '../../server/domain/ports.ts'
import { createHoldExpiryQueue } from '../../server/messaging/hold-expiry-queue.ts'
import type { HoldExpiryJob } from '../../server/messaging/jobs.ts'
import type { Db } from '../../server/db/client.ts'

export interface TestAfterCommit {
  effects: AfterCommit
  /** What the implementation logged (failed nudges), for assertions. */
  logged: { obj: object, msg?: string }[]
  close(): Promise<void>
}

export function testAfterCommit(db: Db): TestAfterCommit {
  const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null })
  const logged: TestAfterCommit['logged'] = []
  let queue: Queue<HoldExpiryJob> | undefined
  const prefix = `bookify-test-${randomBytes(4).toString('hex')}`
  const effects = createAfterCommit({
    db,
    redis,
    holdExpiryQueue: () => (queue ??= createHoldExpiryQueue(redis, prefix)),
    log: { info: (obj, msg) => logged.push({ obj, msg }), warn: (obj, msg) => logged.push({ obj, msg }) },
  })
  return {
    effects,
    logged,
    async close() {
      await queue?.obliterate({ force: true }).catch(() => {})
      await queue?.close()
      redis.disconnect()
    },
  }
}

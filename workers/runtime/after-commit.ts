// The workers' adapter of the AfterCommit port (server/domain/ports.ts): the one implementation in
// server/adapters/after-commit.ts on this process's shared PostgreSQL and Redis connections. A
// worker has no refusal memo and no disabled-accounts list of its own; the web instances hear its
// announcements over Redis.
import type { Queue } from 'bullmq'
import { createAfterCommit } from '../../server/adapters/after-commit.ts'
import { config } from '../../server/config/env.ts'
import type { AfterCommit } from '../../server/domain/ports.ts'
import { createHoldExpiryQueue } from '../../server/messaging/hold-expiry-queue.ts'
import type { HoldExpiryJob } from '../../server/messaging/jobs.ts'
import type { WorkerContext } from './lifecycle.ts'
import { workerDb, workerRedis } from './shared-connections.ts'

const perWorker = new WeakMap<WorkerContext, Promise<AfterCommit>>()

export function workerAfterCommit(ctx: WorkerContext): Promise<AfterCommit> {
  let effects = perWorker.get(ctx)
  if (!effects) {
    effects = (async () => {
      const [db, redis] = await Promise.all([workerDb(ctx), workerRedis(ctx)])
      let queue: Queue<HoldExpiryJob> | undefined
      ctx.onShutdown(() => queue?.close())
      return createAfterCommit({
        db,
        redis,
        holdExpiryQueue: () => (queue ??= createHoldExpiryQueue(redis, config().bullPrefix)),
        log: ctx.log,
      })
    })()
    perWorker.set(ctx, effects)
  }
  return effects
}

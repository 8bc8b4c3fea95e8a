// Cleanup worker. Correctness never waits on it (expired holds are free the moment they expire);
// it tidies up and keeps the waitlist moving:
// - BullMQ hold-expiry jobs: expire the hold; the domain announces the freed places through the
//   AfterCommit port, which offers them to the waitlist;
// - cleanup:release messages (hold.expired, booking.cancelled): offer freed places to the waitlist
//   again, in case a nudge after a commit was lost;
// - node-cron (CLEANUP_*_CRON): by default every 30 s the expiry sweep (covers lost jobs), hourly
//   purges, daily outbox pruning, and every 5 minutes the inventory consistency check.
import { Worker } from 'bullmq'
import cron from 'node-cron'
import { config, type Config } from '../server/config/env.ts'
import { JOB_QUEUES, type HoldExpiryJob } from '../server/messaging/jobs.ts'
import { QUEUES, deadLetterQueue } from '../server/messaging/names.ts'
import { checkInventory } from './handlers/cleanup/check-inventory.ts'
import type { CleanupDeps } from './handlers/cleanup/cleanup-deps.ts'
import { prunePublishedOutbox, purgeStaleRows } from './handlers/cleanup/purge-stale-rows.ts'
import { releaseHandlers } from './handlers/cleanup/release-consumer.ts'
import { expireHold, sweepExpiredHolds } from './handlers/cleanup/release-expired-holds.ts'
import { workerAfterCommit } from './runtime/after-commit.ts'
import { startConsumer } from './runtime/consumer.ts'
import { runWorker, type WorkerContext } from './runtime/lifecycle.ts'
import { consistencyViolations, holdsExpired, rowsPurged } from '../server/observability/worker-metrics.ts'
import { serveMetrics } from '../server/observability/metrics-server.ts'
import { registerQueueDepthGauges } from '../server/observability/queue-depth.ts'
import { workerDb, workerRabbit, workerRedis } from './runtime/shared-connections.ts'

type Task = keyof Config['cleanupCron']

function schedule(ctx: WorkerContext, name: Task, task: () => Promise<unknown>): void {
  const log = ctx.log.child({ task: name })
  const expression = config().cleanupCron[name]
  const variable = `CLEANUP_${name.replace(/[A-Z]/g, c => `_${c}`).toUpperCase()}_CRON`
  if (!cron.validate(expression)) throw new Error(`${variable} is not a valid cron expression: "${expression}"`)
  const scheduled = cron.schedule(expression, async () => {
    try {
      await task()
    } catch (err) {
      log.error({ err }, 'periodic task failed')
    }
  }, { name, noOverlap: true })
  ctx.onShutdown(() => scheduled.stop())
}

async function checkInventoryLoudly(deps: CleanupDeps): Promise<void> {
  const { oversold, doubleTicketed } = await checkInventory(deps.db)
  for (const section of oversold) {
    consistencyViolations.inc({ check: 'section_over_capacity' })
    deps.log.error({ check: 'section_over_capacity', ...section }, 'INVARIANT VIOLATED: sold + held places exceed the section capacity')
  }
  for (const place of doubleTicketed) {
    consistencyViolations.inc({ check: 'place_double_ticketed' })
    deps.log.error({ check: 'place_double_ticketed', ...place }, 'INVARIANT VIOLATED: a place has more than one valid ticket')
  }
}

await runWorker('cleanup', async (ctx) => {
  const db = await workerDb(ctx)
  const redis = await workerRedis(ctx)
  const connection = await workerRabbit(ctx, 'cleanup')
  const deps: CleanupDeps = { db, effects: await workerAfterCommit(ctx), log: ctx.log }

  const jobs = new Worker<HoldExpiryJob>(JOB_QUEUES.holdExpiry, async (job) => {
    const freed = await expireHold(deps, job.data.holdId)
    holdsExpired.inc({ via: 'job' }, freed.length)
    if (freed.length) ctx.log.info({ holdId: job.data.holdId, places: freed[0]!.placeIds.length }, 'hold expired (job)')
  }, { connection: redis, prefix: config().bullPrefix, concurrency: 5 })
  jobs.on('failed', (job, err) => ctx.log.warn({ holdId: job?.data.holdId, err: err.message }, 'hold expiry job failed; BullMQ or the sweep retries'))
  jobs.on('error', err => ctx.log.warn({ err: err.message }, 'hold expiry worker error'))
  ctx.onShutdown(() => jobs.close())

  await startConsumer(ctx, { queue: QUEUES.cleanup, name: 'cleanup-release', handlers: releaseHandlers(deps) })

  schedule(ctx, 'sweep', async () => {
    const freed = await sweepExpiredHolds(deps)
    holdsExpired.inc({ via: 'sweep' }, freed.length)
    if (freed.length) ctx.log.info({ holds: freed.length }, 'expired holds released (sweep)')
  })
  schedule(ctx, 'purge', async () => {
    const purged = await purgeStaleRows(db)
    for (const [table, n] of Object.entries(purged)) if (n) rowsPurged.inc({ table }, n)
    ctx.log.info({ purged }, 'stale rows purged')
  })
  schedule(ctx, 'pruneOutbox', async () => {
    const n = await prunePublishedOutbox(db)
    rowsPurged.inc({ table: 'outbox_messages' }, n)
    ctx.log.info({ outboxRows: n }, 'published outbox rows pruned')
  })
  schedule(ctx, 'consistency', () => checkInventoryLoudly(deps))

  registerQueueDepthGauges(connection, [QUEUES.cleanup, deadLetterQueue(QUEUES.cleanup)])
  await serveMetrics(ctx, 'cleanup')
  ctx.log.info({ schedules: config().cleanupCron }, 'cleanup running')
})

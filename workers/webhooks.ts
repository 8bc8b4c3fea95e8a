// Webhooks worker: turns domain events into signed deliveries to organisers' endpoints (consumer
// runtime, idempotent by message id), attempts each as a BullMQ job on JOB_QUEUES.webhookDeliveries
// (back-off of about a day, WEBHOOK_RETRY_DELAYS_MS), and sweeps every WEBHOOK_SWEEP_MS for due
// deliveries whose job is missing. webhook_deliveries in PostgreSQL is the truth; jobs only nudge.
import { Worker } from 'bullmq'
import { config } from '../server/config/env.ts'
import { createWebhookDeliveryQueue, scheduleWebhookDelivery } from '../server/messaging/webhook-delivery-queue.ts'
import { JOB_QUEUES, type WebhookDeliveryJob } from '../server/messaging/jobs.ts'
import { QUEUES, deadLetterQueue } from '../server/messaging/names.ts'
import { dueDeliveries } from '../server/domain/webhooks/due-deliveries.ts'
import { webhookSourceOf } from '../server/domain/webhooks/event-types.ts'
import { pruneDeliveries } from '../server/domain/webhooks/prune-deliveries.ts'
import { postWebhook } from '../server/domain/webhooks/http-post.ts'
import { deliveryProcessor } from './handlers/webhooks/delivery-processor.ts'
import { webhookHandlers } from './handlers/webhooks/webhook-handlers.ts'
import { startConsumer } from './runtime/consumer.ts'
import { runWorker } from './runtime/lifecycle.ts'
import { serveMetrics } from '../server/observability/metrics-server.ts'
import { registerQueueDepthGauges } from '../server/observability/queue-depth.ts'
import { workerDb, workerRabbit, workerRedis } from './runtime/shared-connections.ts'

await runWorker('webhooks', async (ctx) => {
  const cfg = config()
  const db = await workerDb(ctx)
  const redis = await workerRedis(ctx)
  const connection = await workerRabbit(ctx, 'webhooks')
  const queue = createWebhookDeliveryQueue(redis, cfg.bullPrefix)
  ctx.onShutdown(() => queue.close())
  const schedule = (deliveryId: string, attempt: number, at?: Date) => scheduleWebhookDelivery(queue, deliveryId, attempt, at)
    .catch(err => ctx.log.warn({ deliveryId, err: (err as Error).message }, 'could not schedule a webhook delivery; the sweep will'))

  const settings = {
    encryptionKey: cfg.encryptionKey,
    allowPrivate: cfg.webhooks.allowPrivate,
    timeoutMs: cfg.webhooks.timeoutMs,
    retryDelaysMs: cfg.webhooks.retryDelaysMs,
    disableAfter: cfg.webhooks.disableAfter,
    post: postWebhook,
  }
  const runAttempt = deliveryProcessor({ db, log: ctx.log.child({ task: 'deliver' }), settings, schedule })
  const jobs = new Worker<WebhookDeliveryJob>(JOB_QUEUES.webhookDeliveries, job => runAttempt(job), { connection: redis, prefix: cfg.bullPrefix, concurrency: 10 })
  jobs.on('failed', (job, err) => ctx.log.warn({ jobId: job?.id, err: err.message }, 'webhook job failed'))
  jobs.on('error', err => ctx.log.warn({ err: err.message }, 'webhook job worker error'))
  ctx.onShutdown(() => jobs.close())

  // One booking's messages (its refunds and check-ins are other outbox aggregates) are recorded in
  // the order they arrive, so its deliveries keep that order.
  await startConsumer(ctx, {
    queue: QUEUES.webhooks,
    name: 'webhooks',
    handlers: webhookHandlers({ schedule: id => schedule(id, 0) }),
    aggregateKeyOf: message => webhookSourceOf(message)?.aggregateKey,
  })

  let sweeping = false
  const sweep = async () => {
    if (sweeping) return
    sweeping = true
    try {
      for (const due of await dueDeliveries(db)) await schedule(due.id, due.attempts)
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'webhook sweep failed')
    } finally {
      sweeping = false
    }
  }
  void sweep()
  const timer = setInterval(sweep, cfg.webhooks.sweepMs)
  const prune = () => pruneDeliveries(db)
    .then(n => n && ctx.log.info({ deleted: n }, 'old webhook deliveries pruned'))
    .catch(err => ctx.log.warn({ err: (err as Error).message }, 'webhook delivery pruning failed'))
  const pruneTimer = setInterval(prune, 3_600_000)
  ctx.onShutdown(() => { clearInterval(timer); clearInterval(pruneTimer) })

  registerQueueDepthGauges(connection, [QUEUES.webhooks, deadLetterQueue(QUEUES.webhooks)])
  await serveMetrics(ctx, 'webhooks')
  ctx.log.info({ allowPrivate: cfg.webhooks.allowPrivate, retryDelaysMs: cfg.webhooks.retryDelaysMs }, 'webhooks running')
})

// The BullMQ processor of webhook-deliveries jobs: one attempt (server/domain/webhooks/deliver.ts),
// then whatever follows: the retry at its back-off, or the next delivery of the same aggregate.
import type { Job } from 'bullmq'
import type { Db } from '../../../server/db/client.ts'
import type { WebhookDeliveryJob } from '../../../server/messaging/jobs.ts'
import { attemptDelivery, type DeliverySettings } from '../../../server/domain/webhooks/deliver.ts'
import type { Logger } from '../../../server/observability/logger.ts'
import { webhookAttempts, webhookLatency } from '../../../server/observability/worker-metrics.ts'

export interface DeliveryProcessorDeps {
  db: Db
  log: Logger
  settings: DeliverySettings
  schedule(deliveryId: string, attempt: number, at?: Date): Promise<void>
}

export function deliveryProcessor(deps: DeliveryProcessorDeps) {
  return async (job: Job<WebhookDeliveryJob>): Promise<void> => {
    const { deliveryId } = job.data
    const done = await attemptDelivery(deps.db, deliveryId, deps.settings)
    const log = deps.log.child({ deliveryId })
    if ('result' in done) {
      webhookAttempts.inc({ outcome: done.outcome })
      webhookLatency.observe({ outcome: done.outcome }, done.result.latencyMs / 1000)
      if (done.outcome === 'failed' && done.disabled) webhookAttempts.inc({ outcome: 'endpoint_disabled' })
    }
    switch (done.outcome) {
      case 'skipped':
      case 'waiting':
        log.debug({ outcome: done.outcome }, 'webhook delivery not attempted')
        return
      case 'retry':
        log.warn({ outcome: 'retry', attempt: done.attempt, status: done.result.status, latencyMs: done.result.latencyMs, retryAt: done.at.toISOString() }, 'webhook delivery failed; will retry')
        await deps.schedule(deliveryId, done.attempt, done.at)
        return
      case 'delivered':
        log.info({ outcome: 'delivered', status: done.result.status, latencyMs: done.result.latencyMs }, 'webhook delivered')
        if (done.next) await deps.schedule(done.next, 0)
        return
      case 'failed':
        log.error({ outcome: 'failed', status: done.result.status, disabled: done.disabled }, 'webhook delivery failed for good')
        if (done.disabled) log.warn({ outcome: 'endpoint_disabled' }, 'webhook endpoint disabled')
        if (done.next) await deps.schedule(done.next, 0)
    }
  }
}

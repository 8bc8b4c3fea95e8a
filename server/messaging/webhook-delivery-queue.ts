// Scheduling a webhook delivery attempt: the web process (resend, test delivery) and the webhooks
// worker (new deliveries, back-off, the next of an aggregate, the sweep). Framework-free.
import { Queue, type ConnectionOptions } from 'bullmq'
import { JOB_QUEUES, webhookDeliveryJobId, type WebhookDeliveryJob } from './jobs.ts'

export function createWebhookDeliveryQueue(connection: ConnectionOptions, prefix: string): Queue<WebhookDeliveryJob> {
  return new Queue<WebhookDeliveryJob>(JOB_QUEUES.webhookDeliveries, { connection, prefix })
}

/**
 * One job per delivery and attempt number, run at `at` (now when absent). Finished jobs are removed
 * at once, so a delivery that must be tried again under the same attempt number (it waited behind an
 * older one of its aggregate) can be scheduled again.
 */
export async function scheduleWebhookDelivery(queue: Queue<WebhookDeliveryJob>, deliveryId: string, attempt: number, at?: Date): Promise<void> {
  await queue.add('deliver', { deliveryId }, {
    jobId: webhookDeliveryJobId(deliveryId, attempt),
    delay: at ? Math.max(0, at.getTime() - Date.now()) : 0,
    removeOnComplete: true,
    removeOnFail: 1000,
  })
}

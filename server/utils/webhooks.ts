// The web process's side of webhooks: the settings the domain needs (SSRF switch, encryption key)
// and the BullMQ queue a resend or a test delivery is put on, so it goes out at once. A job that
// cannot be queued (Redis down) is not an error: the webhooks worker's sweep finds the delivery.
import type { Queue } from 'bullmq'
import { config } from '../config/env.ts'
import type { WebhookSettings } from '../domain/webhooks/endpoints.ts'
import type { WebhookDeliveryJob } from '../messaging/jobs.ts'
import { createWebhookDeliveryQueue, scheduleWebhookDelivery } from '../messaging/webhook-delivery-queue.ts'
import { useLogger } from '../observability/logger.ts'
import { useBullConnection } from './redis.ts'

let queue: Queue<WebhookDeliveryJob> | undefined

export function webhookSettings(): WebhookSettings {
  const cfg = config()
  return { allowPrivate: cfg.webhooks.allowPrivate, encryptionKey: cfg.encryptionKey }
}

export async function scheduleWebhookNow(deliveryId: string): Promise<void> {
  try {
    queue ??= createWebhookDeliveryQueue(useBullConnection(), config().bullPrefix)
    await scheduleWebhookDelivery(queue, deliveryId, 0)
  } catch (err) {
    useLogger().warn({ deliveryId, err: (err as Error).message }, 'webhook delivery not queued; the worker\'s sweep will send it')
  }
}

/** Closes the queue on shutdown (its connection is closed with the others). */
export async function closeWebhookQueue(): Promise<void> {
  const q = queue
  queue = undefined
  await q?.close().catch(() => {})
}

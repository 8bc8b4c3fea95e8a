// One attempt at one delivery, and what follows from it. webhook_deliveries is the truth; the
// BullMQ job that calls this is only a nudge (the worker's sweep re-schedules any due delivery).
// - Order: a delivery waits while an older delivery of the same aggregate to the same endpoint is
//   still pending (even one waiting out its back-off); when that one ends, delivered or failed for
//   good, the next is returned in `next` for the caller to schedule.
// - One attempt at a time: the attempt is claimed by a conditional update that also leases the row
//   (next_attempt_at moves past the timeout), so a job and the sweep racing for it send it once.
// - Back-off: retryDelaysMs[n-1] after the n-th failed attempt; after the last, the delivery has
//   failed for good. `disableAfter` such deliveries in a row (no success between) disable the
//   endpoint, and a webhook.endpoint_disabled message (same transaction) has its organiser e-mailed.
import type { Db } from '../../db/client.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { SNIPPET_BYTES, type PostResult, type WebhookPoster } from './http-post.ts'
import { openWebhookSecret } from './secret-store.ts'
import { SIGNATURE_HEADER, signatureHeader } from './signature.ts'

export interface DeliverySettings {
  encryptionKey: string
  allowPrivate: boolean
  timeoutMs: number
  retryDelaysMs: readonly number[]
  disableAfter: number
  post: WebhookPoster
}

export type AttemptOutcome =
  | { outcome: 'skipped' | 'waiting' }
  | { outcome: 'delivered', next: string | null, result: PostResult }
  | { outcome: 'retry', at: Date, attempt: number, result: PostResult }
  | { outcome: 'failed', next: string | null, disabled: boolean, result: PostResult }

export const USER_AGENT = 'Bookify-Webhooks/1.0'
/** How long past the attempt's timeout its claim holds. */
const LEASE_MARGIN_MS = 30_000

/** The oldest pending delivery of the same endpoint and aggregate after `seq`, if any. */
async function nextInLine(db: Db, delivery: { endpointId: string, aggregateKey: string | null, seq: bigint }): Promise<string | null> {
  if (!delivery.aggregateKey) return null
  const next = await db.webhookDelivery.findFirst({
    where: { endpointId: delivery.endpointId, aggregateKey: delivery.aggregateKey, status: 'PENDING', seq: { gt: delivery.seq } },
    orderBy: { seq: 'asc' },
    select: { id: true },
  })
  return next?.id ?? null
}

export async function attemptDelivery(db: Db, deliveryId: string, settings: DeliverySettings, now = new Date()): Promise<AttemptOutcome> {
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } })
  if (!delivery || delivery.status !== 'PENDING' || delivery.endpoint.disabledAt) return { outcome: 'skipped' }
  if (delivery.nextAttemptAt && delivery.nextAttemptAt.getTime() > now.getTime() + 1_000) return { outcome: 'skipped' }
  if (delivery.aggregateKey) {
    const older = await db.webhookDelivery.count({
      where: { endpointId: delivery.endpointId, aggregateKey: delivery.aggregateKey, status: 'PENDING', seq: { lt: delivery.seq } },
    })
    if (older > 0) return { outcome: 'waiting' }
  }
  const attempt = delivery.attempts + 1
  // The claim is a lease: while the attempt runs, the row is not due, so neither a second job nor
  // the sweep can claim the next attempt number and send it twice; a worker that dies mid-attempt
  // leaves it due again once the lease ends.
  const claimed = await db.webhookDelivery.updateMany({
    where: { id: delivery.id, status: 'PENDING', attempts: delivery.attempts, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: new Date(now.getTime() + 1_000) } }] },
    data: { attempts: attempt, lastAttemptAt: now, nextAttemptAt: new Date(now.getTime() + settings.timeoutMs + LEASE_MARGIN_MS) },
  })
  if (claimed.count === 0) return { outcome: 'skipped' }

  const { endpoint } = delivery
  const body = JSON.stringify(delivery.payload)
  const secret = openWebhookSecret(endpoint.id, endpoint.secretEnc, settings.encryptionKey)
  const result = await settings.post(endpoint.url, body, {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    [SIGNATURE_HEADER]: signatureHeader(secret, body),
    'Bookify-Delivery': delivery.id,
    'Bookify-Event': delivery.eventType,
  }, { timeoutMs: settings.timeoutMs, allowPrivate: settings.allowPrivate })
  const finishedAt = new Date()
  const facts = {
    responseStatus: result.status,
    responseSnippet: result.snippet.slice(0, SNIPPET_BYTES),
    latencyMs: result.latencyMs,
    lastAttemptAt: finishedAt,
  }

  if (result.ok) {
    await db.$transaction([
      db.webhookDelivery.update({ where: { id: delivery.id }, data: { ...facts, status: 'DELIVERED', deliveredAt: finishedAt, nextAttemptAt: null } }),
      db.webhookEndpoint.updateMany({ where: { id: endpoint.id, failureCount: { gt: 0 } }, data: { failureCount: 0 } }),
    ])
    return { outcome: 'delivered', next: await nextInLine(db, delivery), result }
  }

  if (attempt <= settings.retryDelaysMs.length) {
    const at = new Date(finishedAt.getTime() + settings.retryDelaysMs[attempt - 1]!)
    await db.webhookDelivery.update({ where: { id: delivery.id }, data: { ...facts, nextAttemptAt: at } })
    return { outcome: 'retry', at, attempt, result }
  }

  // Every attempt used: failed for good (dead-lettered), kept in the log for "resend".
  const disabled = await db.$transaction(async (tx) => {
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { ...facts, status: 'FAILED', nextAttemptAt: null } })
    const row = await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failureCount: { increment: 1 } } })
    if (row.disabledAt || row.failureCount < settings.disableAfter) return false
    const reason = `${row.failureCount} deliveries in a row failed after every retry; the last answer: ${result.status ?? result.snippet.slice(0, 200)}`
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { disabledAt: finishedAt, disabledReason: reason } })
    await writeOutbox(tx, 'webhook.endpoint_disabled', { endpointId: endpoint.id, organiserId: endpoint.organiserId })
    return true
  })
  return { outcome: 'failed', next: await nextInLine(db, delivery), disabled, result }
}

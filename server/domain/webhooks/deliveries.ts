// An endpoint's delivery log, "resend" and the test delivery. Both new deliveries stand outside any
// aggregate's order: the organiser asked for them now. Scheduling their attempt is the caller's
// (the route hands it to BullMQ; the worker's sweep would find it anyway).
import { randomUUID } from 'node:crypto'
import type { Db, Prisma } from '../../db/client.ts'
import type { WebhookDeliveryDto } from '../../../shared/schemas/responses/webhooks.ts'
import { DomainError } from '../errors.ts'
import { toWebhookDeliveryDto } from './endpoint-dto.ts'
import { findOwnWebhook } from './endpoints.ts'
import { webhookPayload } from './payload.ts'

export const DELIVERY_LOG_LIMIT = 100
export const TEST_EVENT_TYPE = 'webhook.test'

/** The newest deliveries first (at most DELIVERY_LOG_LIMIT). */
export async function listDeliveries(db: Db, userId: string, endpointId: string): Promise<{ items: WebhookDeliveryDto[] }> {
  const endpoint = await findOwnWebhook(db, userId, endpointId)
  const rows = await db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, orderBy: { seq: 'desc' }, take: DELIVERY_LOG_LIMIT })
  return { items: rows.map(toWebhookDeliveryDto) }
}

/** A new delivery of the same body (same `id`, so the receiver can tell it is the same event). */
export async function resendDelivery(db: Db, userId: string, endpointId: string, deliveryId: string): Promise<WebhookDeliveryDto> {
  const endpoint = await findOwnWebhook(db, userId, endpointId)
  const original = await db.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId: endpoint.id } })
  if (!original) throw new DomainError('NOT_FOUND', 'There is no such delivery.')
  if (endpoint.disabledAt) throw new DomainError('CONFLICT', 'The endpoint is disabled: turn it on again first.', { reason: 'ENDPOINT_DISABLED' })
  const row = await db.webhookDelivery.create({
    data: { endpointId: endpoint.id, eventType: original.eventType, payload: original.payload as Prisma.InputJsonValue, resendOfId: original.id },
  })
  return toWebhookDeliveryDto(row)
}

/** A `webhook.test` delivery, so the organiser can check the receiver and its signature check. */
export async function sendTestDelivery(db: Db, userId: string, endpointId: string, now = new Date()): Promise<WebhookDeliveryDto> {
  const endpoint = await findOwnWebhook(db, userId, endpointId)
  if (endpoint.disabledAt) throw new DomainError('CONFLICT', 'The endpoint is disabled: turn it on again first.', { reason: 'ENDPOINT_DISABLED' })
  const payload = webhookPayload(randomUUID(), TEST_EVENT_TYPE, now, { endpointId: endpoint.id, message: 'A test delivery from Bookify.' })
  const row = await db.webhookDelivery.create({
    data: { endpointId: endpoint.id, eventType: TEST_EVENT_TYPE, payload: payload as unknown as Prisma.InputJsonValue },
  })
  return toWebhookDeliveryDto(row)
}

import type { Prisma } from '../../db/client.ts'
import type { WebhookEventType } from '../../../shared/schemas/webhooks.ts'
import type { WebhookDeliveryDto, WebhookEndpointDto } from '../../../shared/schemas/responses/webhooks.ts'

export function toWebhookEndpointDto(row: Prisma.WebhookEndpointModel): WebhookEndpointDto {
  return {
    id: row.id,
    url: row.url,
    events: row.eventTypes as WebhookEventType[],
    eventId: row.eventId,
    description: row.description,
    enabled: row.disabledAt === null,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    failureCount: row.failureCount,
    createdAt: row.createdAt.toISOString(),
  }
}

export function toWebhookDeliveryDto(row: Prisma.WebhookDeliveryModel): WebhookDeliveryDto {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'PENDING' ? row.nextAttemptAt?.toISOString() ?? null : null,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    responseStatus: row.responseStatus,
    responseSnippet: row.responseSnippet,
    latencyMs: row.latencyMs,
    resendOfId: row.resendOfId,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    payload: row.payload as Record<string, unknown>,
  }
}

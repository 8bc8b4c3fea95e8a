import { z } from 'zod'
import { WEBHOOK_EVENT_TYPES } from '../webhooks'
import { instant, uuid } from './common'

export const webhookEndpointResponse = z.strictObject({
  id: uuid,
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  eventId: uuid.nullable().meta({ description: 'Only this event\'s messages; null: every event of the organiser.' }),
  description: z.string(),
  enabled: z.boolean(),
  disabledAt: instant.nullable(),
  disabledReason: z.string().nullable(),
  failureCount: z.number().int().meta({ description: 'Deliveries failed for good in a row since the last success.' }),
  createdAt: instant,
}).meta({ id: 'WebhookEndpoint' })

/** The 201 of POST /api/organiser/webhooks: the only answer that carries the signing secret. */
export const webhookEndpointCreatedResponse = webhookEndpointResponse.extend({
  secret: z.string().meta({ description: '`whsec_…`, shown once: verify `Bookify-Signature` with it.' }),
}).meta({ id: 'WebhookEndpointCreated' })

export const webhookEndpointListResponse = z.strictObject({ items: z.array(webhookEndpointResponse) })

export const webhookDeliveryResponse = z.strictObject({
  id: uuid,
  endpointId: uuid,
  eventType: z.string().meta({ description: 'One of the endpoint event types, or `webhook.test`.' }),
  status: z.enum(['PENDING', 'DELIVERED', 'FAILED']),
  attempts: z.number().int(),
  nextAttemptAt: instant.nullable(),
  lastAttemptAt: instant.nullable(),
  responseStatus: z.number().int().nullable(),
  responseSnippet: z.string().nullable().meta({ description: 'The first KB of the answer, or the network error.' }),
  latencyMs: z.number().int().nullable(),
  resendOfId: uuid.nullable(),
  createdAt: instant,
  deliveredAt: instant.nullable(),
  payload: z.looseObject({}).meta({ description: 'The body sent: `{id, type, apiVersion, createdAt, data}`.' }),
}).meta({ id: 'WebhookDelivery' })

export const webhookDeliveryListResponse = z.strictObject({ items: z.array(webhookDeliveryResponse) })

export type WebhookEndpointDto = z.infer<typeof webhookEndpointResponse>
export type WebhookEndpointCreatedDto = z.infer<typeof webhookEndpointCreatedResponse>
export type WebhookDeliveryDto = z.infer<typeof webhookDeliveryResponse>

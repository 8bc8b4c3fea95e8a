// Message payloads, defined once: the domain writes them to the outbox, the relay publishes them,
// consumers validate them with the same schemas. Messages are thin — ids and the facts a consumer
// cannot re-read later — and consumers load current state from PostgreSQL.
import { z } from 'zod'
import { ROUTING_KEYS, type RoutingKey } from './names.ts'

const id = z.uuid()

const bookingPayload = z.object({ bookingId: id, userId: id, eventId: id, reference: z.string() })

export const MESSAGE_PAYLOADS = {
  [ROUTING_KEYS.bookingConfirmed]: bookingPayload,
  [ROUTING_KEYS.bookingChanged]: bookingPayload.extend({ previousPlaceIds: z.array(id) }),
  [ROUTING_KEYS.bookingCancelled]: bookingPayload.extend({ reason: z.enum(['USER', 'ORGANISER', 'EVENT_CANCELLED', 'ADMIN']) }),
  [ROUTING_KEYS.holdExpired]: z.object({ holdId: id, userId: id, eventId: id, placeIds: z.array(id) }),
  [ROUTING_KEYS.eventPublished]: z.object({ eventId: id }),
  [ROUTING_KEYS.eventUpdated]: z.object({ eventId: id, timesChanged: z.boolean() }),
  [ROUTING_KEYS.eventCancelled]: z.object({ eventId: id }),
  [ROUTING_KEYS.waitlistOffered]: z.object({ entryId: id, userId: id, eventId: id, holdId: id, expiresAt: z.iso.datetime({ offset: true }) }),
  [ROUTING_KEYS.userRegistered]: z.object({ userId: id }),
  // The reset's id only: the worker mints the e-mailed token, so no secret travels in a message.
  [ROUTING_KEYS.passwordResetRequested]: z.object({ userId: id, resetId: id }),
  // Like a reset: the worker mints the invitation's token as it e-mails the link.
  [ROUTING_KEYS.staffInvited]: z.object({ invitationId: id, eventId: id }),
  [ROUTING_KEYS.paymentWebhookReceived]: z.object({ paymentEventId: z.string().min(1), type: z.string() }),
  [ROUTING_KEYS.refundRequested]: z.object({ refundId: id, bookingId: id }),
  [ROUTING_KEYS.refundCompleted]: z.object({ refundId: id, bookingId: id, userId: id, status: z.enum(['SUCCEEDED', 'FAILED']) }),
  // The webhooks worker gave up on an endpoint; the notifications worker tells its organiser.
  [ROUTING_KEYS.webhookEndpointDisabled]: z.object({ endpointId: id, organiserId: id }),
  // A ticket admitted at the door (online, or an offline scan that was the first admission).
  [ROUTING_KEYS.ticketCheckedIn]: z.object({ ticketId: id, bookingId: id, eventId: id }),
} as const satisfies Record<RoutingKey, z.ZodType>

export type MessagePayload<K extends RoutingKey> = z.infer<(typeof MESSAGE_PAYLOADS)[K]>

/** What travels on the wire: the outbox row's id is the message id consumers deduplicate on. */
export const messageEnvelope = z.object({
  id,
  type: z.enum(Object.values(ROUTING_KEYS) as [RoutingKey, ...RoutingKey[]]),
  occurredAt: z.iso.datetime({ offset: true }),
  correlationId: z.string().nullable(),
  data: z.unknown(),
})
export type MessageEnvelope = z.infer<typeof messageEnvelope>

/** The id field that names each entity's aggregate, so the relay can keep per-aggregate order. */
const AGGREGATE_ID_FIELD: Record<string, string> = {
  booking: 'bookingId', hold: 'holdId', event: 'eventId', waitlist: 'entryId', user: 'userId',
  // A booking's refunds go out one after another, so two never race for what is left to refund.
  payment: 'paymentEventId', refund: 'bookingId', staff: 'invitationId', webhook: 'endpointId', ticket: 'ticketId',
}

export function aggregateOf<K extends RoutingKey>(type: K, data: MessagePayload<K>): { aggregateType: string, aggregateId: string } {
  const [entity] = type.split('.') as [string]
  const aggregateId = (data as Record<string, unknown>)[AGGREGATE_ID_FIELD[entity]!]
  if (typeof aggregateId !== 'string') throw new Error(`${type} payload has no ${AGGREGATE_ID_FIELD[entity]}`)
  return { aggregateType: entity, aggregateId }
}

// The only place that names RabbitMQ things (ARCHITECTURE.md, "Messaging names"). Publishers, the
// relay and every consumer import these, so a rename is one edit and a typo is a type error.

/** Topic exchange all domain events are published to (durable). */
export const EVENTS_EXCHANGE = 'bookify.events'
/** Where a queue's rejected (poison) messages go; each queue's dead-letter queue binds here. */
export const DEAD_LETTER_EXCHANGE = 'bookify.dead-letter'

/** Routing keys, `<entity>.<event>`. */
export const ROUTING_KEYS = {
  bookingConfirmed: 'booking.confirmed',
  bookingChanged: 'booking.changed',
  bookingCancelled: 'booking.cancelled',
  holdExpired: 'hold.expired',
  eventPublished: 'event.published',
  eventUpdated: 'event.updated',
  eventCancelled: 'event.cancelled',
  waitlistOffered: 'waitlist.offered',
  userRegistered: 'user.registered',
  passwordResetRequested: 'user.password_reset_requested',
  staffInvited: 'staff.invited',
  paymentWebhookReceived: 'payment.webhook_received',
  refundRequested: 'refund.requested',
  refundCompleted: 'refund.completed',
  webhookEndpointDisabled: 'webhook.endpoint_disabled',
  ticketCheckedIn: 'ticket.checked_in',
} as const

export type RoutingKey = (typeof ROUTING_KEYS)[keyof typeof ROUTING_KEYS]
export const ALL_ROUTING_KEYS: readonly RoutingKey[] = Object.values(ROUTING_KEYS)

/**
 * Consumer queues, `<consumer>:<purpose>:quorum`. They are quorum queues (topology.ts): RabbitMQ
 * cannot turn an existing classic queue into one, so they took new names; the classic queues of
 * the same name without `:quorum` (LEGACY_CLASSIC_QUEUES) are drained into them and deleted by
 * queue-migration.ts.
 */
export const QUEUES = {
  notifications: 'notifications:deliver:quorum',
  calendarSync: 'calendar:sync:quorum',
  searchIndex: 'search-index:refresh:quorum',
  cleanup: 'cleanup:release:quorum',
  payments: 'payments:process:quorum',
  webhooks: 'webhooks:deliver:quorum',
} as const

/** The classic queues each work queue replaced (before quorum queues), by the queue that replaced them (webhooks came later, as a quorum queue). */
export const LEGACY_CLASSIC_QUEUES = {
  [QUEUES.notifications]: 'notifications:deliver',
  [QUEUES.calendarSync]: 'calendar:sync',
  [QUEUES.searchIndex]: 'search-index:refresh',
  [QUEUES.cleanup]: 'cleanup:release',
  [QUEUES.payments]: 'payments:process',
} as const

/**
 * Deliveries of one message a work queue allows before it dead-letters it to `<queue>.dead`
 * (`x-delivery-limit`). The consumer runtime acks every message it finishes, retried or not, so only
 * a message whose handling kills the consumer each time (out of memory, a native crash, an exit)
 * comes back this often: without a limit it would be redelivered, and kill a consumer, forever.
 * Part of the queues' arguments, so it cannot change for an existing queue (rename it instead).
 */
export const DELIVERY_LIMIT = 5

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]

/** Each queue's dead-letter queue, e.g. `notifications:deliver:quorum.dead`. */
export function deadLetterQueue<N extends string>(queue: N): `${N}.dead` {
  return `${queue}.dead`
}

/**
 * Delay queue a failed message waits in before going back to `queue`, e.g.
 * `notifications:deliver:quorum.retry.5s` (`….retry.250ms` below a whole second). The waits themselves
 * (RETRY_DELAYS_MS in server/config/env.ts) are a queue each with a fixed TTL, so a long wait never
 * holds up a short one behind it, and the name carries the TTL: a queue is never re-declared with
 * other arguments.
 */
export function retryQueue(queue: string, delayMs: number): string {
  return `${queue}.retry.${delayMs % 1000 === 0 ? `${delayMs / 1000}s` : `${delayMs}ms`}`
}

/** Headers the consumer runtime adds to retried and dead-lettered copies. */
export const MESSAGE_HEADERS = {
  attempt: 'x-bookify-attempt',
  lastError: 'x-bookify-last-error',
  deadReason: 'x-bookify-dead-reason',
  correlationId: 'correlationId',
} as const

const K = ROUTING_KEYS
/**
 * Which routing keys each queue receives: the topology as data, declared again on every reconnect.
 * Literal per queue, so a consumer's handler map is typed by exactly the keys its queue receives.
 */
export const QUEUE_BINDINGS = {
  [QUEUES.notifications]: [K.userRegistered, K.passwordResetRequested, K.staffInvited, K.bookingConfirmed, K.bookingChanged, K.bookingCancelled, K.holdExpired, K.waitlistOffered, K.eventUpdated, K.eventCancelled, K.refundCompleted, K.webhookEndpointDisabled],
  [QUEUES.calendarSync]: [K.bookingConfirmed, K.bookingChanged, K.bookingCancelled, K.eventUpdated, K.eventCancelled],
  [QUEUES.searchIndex]: [K.eventPublished, K.eventUpdated, K.eventCancelled],
  // Freed places may satisfy the waitlist; the cleanup worker offers them.
  [QUEUES.cleanup]: [K.holdExpired, K.bookingCancelled, K.eventCancelled],
  // Stripe webhooks, refunds to send, an event's paid bookings to refund, checkouts whose hold ran out.
  [QUEUES.payments]: [K.paymentWebhookReceived, K.refundRequested, K.eventCancelled, K.holdExpired],
  // What organisers' webhook endpoints may subscribe to (server/domain/webhooks/event-types.ts).
  [QUEUES.webhooks]: [K.bookingConfirmed, K.bookingChanged, K.bookingCancelled, K.refundCompleted, K.holdExpired, K.waitlistOffered, K.eventPublished, K.eventUpdated, K.eventCancelled, K.ticketCheckedIn],
} as const satisfies Readonly<Record<QueueName, readonly RoutingKey[]>>

/** The routing keys bound to `Q`. */
export type BoundKey<Q extends QueueName> = (typeof QUEUE_BINDINGS)[Q][number]

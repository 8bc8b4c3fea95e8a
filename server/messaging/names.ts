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
  paymentWebhookReceived: 'payment.webhook_received',
  refundRequested: 'refund.requested',
  refundCompleted: 'refund.completed',
} as const

export type RoutingKey = (typeof ROUTING_KEYS)[keyof typeof ROUTING_KEYS]
export const ALL_ROUTING_KEYS: readonly RoutingKey[] = Object.values(ROUTING_KEYS)

/** Consumer queues, `<consumer>:<purpose>`. */
export const QUEUES = {
  notifications: 'notifications:deliver',
  calendarSync: 'calendar:sync',
  searchIndex: 'search-index:refresh',
  cleanup: 'cleanup:release',
  payments: 'payments:process',
} as const

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]

/** Each queue's dead-letter queue, e.g. `notifications:deliver.dead`. */
export function deadLetterQueue(queue: QueueName): `${QueueName}.dead` {
  return `${queue}.dead`
}

/**
 * Delay queue a failed message waits in before going back to `queue`, e.g.
 * `notifications:deliver.retry.5s` (`….retry.250ms` below a whole second). The waits themselves
 * (RETRY_DELAYS_MS in server/config/env.ts) are a queue each with a fixed TTL, so a long wait never
 * holds up a short one behind it, and the name carries the TTL: a queue is never re-declared with
 * other arguments.
 */
export function retryQueue(queue: QueueName, delayMs: number): string {
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
  [QUEUES.notifications]: [K.userRegistered, K.passwordResetRequested, K.bookingConfirmed, K.bookingChanged, K.bookingCancelled, K.holdExpired, K.waitlistOffered, K.eventUpdated, K.eventCancelled, K.refundCompleted],
  [QUEUES.calendarSync]: [K.bookingConfirmed, K.bookingChanged, K.bookingCancelled, K.eventUpdated, K.eventCancelled],
  [QUEUES.searchIndex]: [K.eventPublished, K.eventUpdated, K.eventCancelled],
  // Freed places may satisfy the waitlist; the cleanup worker offers them.
  [QUEUES.cleanup]: [K.holdExpired, K.bookingCancelled, K.eventCancelled],
  // Stripe webhooks, refunds to send, an event's paid bookings to refund, checkouts whose hold ran out.
  [QUEUES.payments]: [K.paymentWebhookReceived, K.refundRequested, K.eventCancelled, K.holdExpired],
} as const satisfies Readonly<Record<QueueName, readonly RoutingKey[]>>

/** The routing keys bound to `Q`. */
export type BoundKey<Q extends QueueName> = (typeof QUEUE_BINDINGS)[Q][number]

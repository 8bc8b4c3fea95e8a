// Which domain event (RabbitMQ routing key) becomes which webhook event type, and the aggregate whose
// deliveries must keep their order. A refund belongs to its booking: a receiver sees
// booking.cancelled before booking.refunded, and a check-in after the booking's confirmation.
import type { WebhookEventType } from '../../../shared/schemas/webhooks.ts'
import type { ValidMessage } from '../../messaging/envelope.ts'

export interface WebhookSource {
  type: WebhookEventType
  eventId?: string
  bookingId?: string
  /** `<entity>:<id>`: deliveries of one aggregate go out one after another. */
  aggregateKey: string
}

/** The webhook event a domain message stands for, or null when it stands for none. */
export function webhookSourceOf(message: ValidMessage): WebhookSource | null {
  switch (message.type) {
    case 'booking.confirmed':
    case 'booking.changed':
    case 'booking.cancelled':
      return { type: message.type, eventId: message.data.eventId, bookingId: message.data.bookingId, aggregateKey: `booking:${message.data.bookingId}` }
    case 'refund.completed':
      // A failed refund paid nothing back: nothing for the organiser's systems to book.
      if (message.data.status !== 'SUCCEEDED') return null
      return { type: 'booking.refunded', bookingId: message.data.bookingId, aggregateKey: `booking:${message.data.bookingId}` }
    case 'ticket.checked_in':
      return { type: 'ticket.checked_in', eventId: message.data.eventId, bookingId: message.data.bookingId, aggregateKey: `booking:${message.data.bookingId}` }
    case 'hold.expired':
      return { type: 'hold.expired', eventId: message.data.eventId, aggregateKey: `hold:${message.data.holdId}` }
    case 'waitlist.offered':
      return { type: 'waitlist.offered', eventId: message.data.eventId, aggregateKey: `waitlist:${message.data.entryId}` }
    case 'event.published':
    case 'event.updated':
    case 'event.cancelled':
      return { type: message.type, eventId: message.data.eventId, aggregateKey: `event:${message.data.eventId}` }
    default:
      return null
  }
}

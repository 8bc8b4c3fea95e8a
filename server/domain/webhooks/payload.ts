// The body of a delivery: `{id, type, apiVersion, createdAt, data}`, where `data` is the public DTO of
// the object the event is about, read when the message is handled (so a resend sends the same
// facts). A field is never removed or changes meaning within an apiVersion; new fields may appear.
import type { Db } from '../../db/client.ts'
import { WEBHOOK_API_VERSION } from '../../../shared/schemas/webhooks.ts'
import type { ValidMessage } from '../../messaging/envelope.ts'
import type { WebhookSource } from './event-types.ts'

export interface WebhookPayload {
  /** The delivery's event id: stable across retries and resends, for the receiver to deduplicate on. */
  id: string
  type: string
  apiVersion: string
  createdAt: string
  data: Record<string, unknown>
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null

function eventData(e: { id: string, title: string, status: string, startsAt: Date, endsAt: Date, timezone: string, venueName: string, venueAddress: string, city: string, publishedAt: Date | null, cancelledAt: Date | null }) {
  return {
    id: e.id, title: e.title, status: e.status, startsAt: iso(e.startsAt), endsAt: iso(e.endsAt), timezone: e.timezone,
    venue: { name: e.venueName, address: e.venueAddress, city: e.city }, publishedAt: iso(e.publishedAt), cancelledAt: iso(e.cancelledAt),
  }
}

async function bookingData(db: Db, bookingId: string) {
  const b = await db.booking.findUnique({
    where: { id: bookingId },
    include: {
      user: { select: { name: true, email: true } },
      tickets: { orderBy: { createdAt: 'asc' }, include: { ticketType: { select: { id: true, name: true } }, place: { include: { section: { select: { id: true, name: true } } } } } },
    },
  })
  if (!b) return null
  return {
    id: b.id,
    reference: b.reference,
    status: b.status,
    eventId: b.eventId,
    buyer: { name: b.user.name, email: b.user.email },
    total: { amountCents: b.totalCents, currency: b.currency },
    paid: { amountCents: b.paidCents, currency: b.currency },
    refunded: { amountCents: b.refundedCents, currency: b.currency },
    paymentStatus: b.paymentStatus,
    tickets: b.tickets.map(t => ({
      id: t.id,
      section: { id: t.place.section.id, name: t.place.section.name },
      place: t.place.label,
      ticketType: t.ticketType,
      price: { amountCents: t.priceCents, currency: b.currency },
      valid: t.voidedAt === null,
      checkedInAt: iso(t.checkedInAt),
    })),
    createdAt: iso(b.createdAt),
    cancelledAt: iso(b.cancelledAt),
    cancelReason: b.cancelReason,
  }
}

/** The public `data` of the message's object; null when it is gone (nothing left to tell). */
export async function payloadData(db: Db, message: ValidMessage, source: WebhookSource): Promise<Record<string, unknown> | null> {
  switch (message.type) {
    case 'booking.confirmed':
    case 'booking.changed':
    case 'booking.cancelled': {
      const booking = await bookingData(db, message.data.bookingId)
      return booking && { booking }
    }
    case 'refund.completed': {
      const refund = await db.refund.findUnique({ where: { id: message.data.refundId } })
      const booking = await bookingData(db, message.data.bookingId)
      if (!refund || !booking) return null
      return {
        refund: { id: refund.id, bookingId: refund.bookingId, amount: { amountCents: refund.amountCents, currency: refund.currency }, reason: refund.reason, status: refund.status, completedAt: iso(refund.completedAt) },
        booking,
      }
    }
    case 'ticket.checked_in': {
      const booking = await bookingData(db, message.data.bookingId)
      const ticket = booking?.tickets.find(t => t.id === message.data.ticketId)
      return booking && ticket ? { ticket: { ...ticket, bookingId: booking.id }, booking } : null
    }
    case 'hold.expired': {
      const hold = await db.hold.findUnique({ where: { id: message.data.holdId }, include: { user: { select: { name: true, email: true } } } })
      if (!hold) return null
      // The buyer is named: the point of hold.expired is following up an abandoned cart.
      return { hold: { id: hold.id, eventId: hold.eventId, status: hold.status, places: message.data.placeIds.length, total: { amountCents: hold.totalCents, currency: hold.currency }, buyer: hold.user, createdAt: iso(hold.createdAt), expiresAt: iso(hold.expiresAt) } }
    }
    case 'waitlist.offered': {
      const entry = await db.waitlistEntry.findUnique({ where: { id: message.data.entryId }, include: { user: { select: { name: true, email: true } } } })
      if (!entry) return null
      return { waitlistEntry: { id: entry.id, eventId: entry.eventId, sectionId: entry.sectionId, quantity: entry.quantity, status: entry.status, holdId: message.data.holdId, offerExpiresAt: message.data.expiresAt, person: entry.user } }
    }
    case 'event.published':
    case 'event.updated':
    case 'event.cancelled': {
      const event = await db.event.findUnique({ where: { id: message.data.eventId } })
      return event && { event: eventData(event) }
    }
    default:
      void source
      return null
  }
}

export function webhookPayload(id: string, type: string, createdAt: Date, data: Record<string, unknown>): WebhookPayload {
  return { id, type, apiVersion: WEBHOOK_API_VERSION, createdAt: createdAt.toISOString(), data }
}

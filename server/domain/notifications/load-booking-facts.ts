import type { Db } from '../../db/client.ts'
import type { EventFacts } from './event-facts.ts'

const eventSelect = {
  id: true, title: true, description: true, status: true, startsAt: true, endsAt: true, timezone: true,
  venueName: true, venueAddress: true, city: true, updatedAt: true,
} as const

export interface BookingFacts {
  id: string
  reference: string
  userId: string
  status: 'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED'
  event: EventFacts
  /** Labels of the booking's valid tickets with their type ("Stalls A12 (Adult)"). */
  places: string[]
  /** What the booking costs, after any promo code, e.g. "€72.00". */
  total: string
}

function money(cents: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 100)
}

export { eventSelect }

/** The booking as notices describe it now (messages are thin: state is read when handled). */
export async function loadBookingFacts(db: Db, bookingId: string): Promise<BookingFacts | null> {
  const b = await db.booking.findUnique({
    where: { id: bookingId },
    select: {
      id: true, reference: true, userId: true, status: true, totalCents: true, currency: true, event: { select: eventSelect },
      tickets: { where: { voidedAt: null }, orderBy: { createdAt: 'asc' }, select: { ticketType: { select: { name: true } }, place: { select: { label: true, section: { select: { name: true } } } } } },
    },
  })
  if (!b) return null
  return { id: b.id, reference: b.reference, userId: b.userId, status: b.status, event: b.event, places: b.tickets.map(t => `${t.place.section.name} ${t.place.label} (${t.ticketType.name})`), total: money(b.totalCents, b.currency) }
}

export async function loadEventFacts(db: Db, eventId: string): Promise<EventFacts | null> {
  return db.event.findUnique({ where: { id: eventId }, select: eventSelect })
}

// The Google Calendar event for a booking: title, venue, times in the event's zone, the booking
// reference and a link. Its id is derived from the booking id (Google ids are base32hex: a–v, 0–9),
// so an insert repeated after a crash answers 409 instead of creating a second entry.
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js'
import { venueLine } from '../../notifications/event-facts.ts'
import type { BookingFacts } from '../../notifications/load-booking-facts.ts'

export function googleEventIdFor(bookingId: string): string {
  return `bk${bookingId.replace(/-/g, '').toLowerCase()}`
}

export function calendarEventBody(b: BookingFacts, appUrl: string): calendar_v3.Schema$Event {
  const link = `${appUrl}/bookings/${b.id}`
  return {
    summary: b.event.title,
    location: venueLine(b.event),
    description: [`Booking ${b.reference}`, b.places.length ? `Places: ${b.places.join(', ')}` : '', `Tickets: ${link}`].filter(Boolean).join('\n'),
    start: { dateTime: b.event.startsAt.toISOString(), timeZone: b.event.timezone },
    end: { dateTime: b.event.endsAt.toISOString(), timeZone: b.event.timezone },
    status: 'confirmed',
    source: { title: 'Bookify', url: link },
    extendedProperties: { private: { bookifyBookingId: b.id } },
  }
}

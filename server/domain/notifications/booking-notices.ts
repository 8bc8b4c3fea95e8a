// Notices about one booking: confirmed (with the .ics), seats changed, cancelled, and the reminder.
import { buildIcs } from '../calendar/ics.ts'
import { icsEventOf } from '../events/event-calendar.ts'
import { eventFactsRows, eventState, formatInZone } from './event-facts.ts'
import type { BookingFacts } from './load-booking-facts.ts'
import type { Notice } from './notice.ts'

export function bookingLink(appUrl: string, bookingId: string): string {
  return `${appUrl}/bookings/${bookingId}`
}

function bookingData(b: BookingFacts) {
  return { bookingId: b.id, eventId: b.event.id, reference: b.reference, eventState: eventState(b.event) }
}

function placesLine(b: BookingFacts): string {
  return b.places.length ? b.places.join(', ') : '—'
}

/** The booking as an iCalendar attachment; its UID is the event's, so calendars update one entry. */
function bookingIcs(b: BookingFacts, appUrl: string, stamp = new Date()): string {
  const link = bookingLink(appUrl, b.id)
  return buildIcs([{
    ...icsEventOf(b.event, appUrl),
    description: `Booking ${b.reference}: ${placesLine(b)}\nTickets: ${link}`,
    url: link,
  }], { stamp })
}

export function bookingConfirmedNotice(b: BookingFacts, appUrl: string, now = new Date(), tickets?: { fileName: string, bytes: Uint8Array }): Notice {
  const link = bookingLink(appUrl, b.id)
  return {
    userId: b.userId,
    kind: 'booking.confirmed',
    title: `Booking confirmed: ${b.event.title}`,
    body: `Booking ${b.reference} for ${b.event.title} on ${formatInZone(b.event.startsAt, b.event.timezone)} is confirmed.`,
    link,
    data: bookingData(b),
    email: {
      subject: `Your tickets for ${b.event.title} (${b.reference})`,
      heading: 'Your booking is confirmed',
      paragraphs: [
        `You're going to ${b.event.title}. Your tickets are on the booking page and work offline once opened${tickets ? '; they are also attached as a PDF to print' : ''}.`,
        'The attached calendar file adds the event to your calendar.',
      ],
      facts: [['Booking', b.reference], ...eventFactsRows(b.event), ['Places', placesLine(b)], ['Total', b.total]],
      action: { label: 'View your tickets', url: link },
      attachments: [
        { filename: `bookify-${b.reference}.ics`, content: bookingIcs(b, appUrl, now), contentType: 'text/calendar; charset=utf-8; method=PUBLISH' },
        ...(tickets ? [{ filename: tickets.fileName, content: Buffer.from(tickets.bytes), contentType: 'application/pdf' }] : []),
      ],
    },
  }
}

export function bookingChangedNotice(b: BookingFacts, appUrl: string): Notice {
  const link = bookingLink(appUrl, b.id)
  return {
    userId: b.userId,
    kind: 'booking.changed',
    title: `Seats changed: ${b.event.title}`,
    body: `Booking ${b.reference} now has: ${placesLine(b)}. Your earlier tickets no longer work.`,
    link,
    data: bookingData(b),
    email: {
      subject: `Your seats for ${b.event.title} changed (${b.reference})`,
      heading: 'Your seats have changed',
      paragraphs: ['New tickets replace the earlier ones, which no longer work at the door.'],
      facts: [['Booking', b.reference], ...eventFactsRows(b.event), ['Places', placesLine(b)]],
      action: { label: 'View your new tickets', url: link },
    },
  }
}

export function bookingCancelledNotice(b: BookingFacts, appUrl: string, reason: 'USER' | 'ORGANISER' | 'ADMIN'): Notice {
  const link = bookingLink(appUrl, b.id)
  const why = reason === 'USER' ? 'as you asked' : reason === 'ORGANISER' ? 'by the organiser' : 'by Bookify'
  return {
    userId: b.userId,
    kind: 'booking.cancelled',
    title: `Booking cancelled: ${b.event.title}`,
    body: `Booking ${b.reference} for ${b.event.title} was cancelled ${why}; its tickets no longer work.`,
    link,
    data: { bookingId: b.id, eventId: b.event.id, reference: b.reference, reason },
    email: {
      subject: `Booking ${b.reference} cancelled`,
      heading: 'Your booking is cancelled',
      paragraphs: [`Booking ${b.reference} for ${b.event.title} was cancelled ${why}. Its tickets no longer work.`],
      facts: [['Booking', b.reference], ...eventFactsRows(b.event)],
      action: { label: 'See the booking', url: link },
    },
  }
}

export function reminderNotice(b: BookingFacts, appUrl: string): Notice {
  const link = bookingLink(appUrl, b.id)
  return {
    userId: b.userId,
    kind: 'reminder',
    title: `Tomorrow: ${b.event.title}`,
    body: `${b.event.title} starts ${formatInZone(b.event.startsAt, b.event.timezone)}. Booking ${b.reference}.`,
    link,
    data: bookingData(b),
    emailPref: 'reminders',
    email: {
      subject: `Reminder: ${b.event.title} starts in 24 hours`,
      heading: `${b.event.title} is coming up`,
      paragraphs: ['Open your tickets once before you leave so they work without a connection at the door.'],
      facts: [['Booking', b.reference], ...eventFactsRows(b.event), ['Places', placesLine(b)]],
      action: { label: 'Open your tickets', url: link },
    },
  }
}

// Notices to every ticket holder of an event: it moved (times or venue), or it was called off.
import { eventFactsRows, eventState, type EventFacts } from './event-facts.ts'
import type { Notice } from './notice.ts'
import { bookingLink } from './booking-notices.ts'

export interface Holder {
  userId: string
  bookings: { id: string, reference: string }[]
}

function refs(holder: Holder): string {
  return holder.bookings.map(b => b.reference).join(', ')
}

function link(appUrl: string, event: EventFacts, holder: Holder): string {
  return holder.bookings.length === 1 ? bookingLink(appUrl, holder.bookings[0]!.id) : `${appUrl}/events/${event.id}`
}

export function eventUpdatedNotice(event: EventFacts, holder: Holder, appUrl: string): Notice {
  const url = link(appUrl, event, holder)
  return {
    userId: holder.userId,
    kind: 'event.updated',
    title: `Changed: ${event.title}`,
    body: `${event.title} has new details. Please check the time and place. Your tickets stay valid.`,
    link: url,
    data: { eventId: event.id, bookingIds: holder.bookings.map(b => b.id), eventState: eventState(event) },
    email: {
      subject: `${event.title} has changed`,
      heading: 'Your event has changed',
      paragraphs: [`The organiser changed ${event.title}. Here is where and when it takes place now; your tickets (${refs(holder)}) stay valid.`],
      facts: eventFactsRows(event),
      action: { label: 'See your booking', url },
    },
  }
}

export function eventCancelledNotice(event: EventFacts, holder: Holder, appUrl: string): Notice {
  const url = link(appUrl, event, holder)
  return {
    userId: holder.userId,
    kind: 'event.cancelled',
    title: `Cancelled: ${event.title}`,
    body: `${event.title} has been cancelled by its organiser. Your booking ${refs(holder)} is cancelled.`,
    link: url,
    data: { eventId: event.id, bookingIds: holder.bookings.map(b => b.id) },
    email: {
      subject: `${event.title} is cancelled`,
      heading: 'Your event is cancelled',
      paragraphs: [`We're sorry: the organiser cancelled ${event.title}. Your booking (${refs(holder)}) is cancelled and its tickets no longer work.`],
      facts: eventFactsRows(event),
      action: { label: 'See your booking', url },
    },
  }
}

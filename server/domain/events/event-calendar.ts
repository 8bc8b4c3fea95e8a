// GET /api/events/:id/calendar.ics: the event as an iCalendar file, for anyone who may see it.
import type { Db } from '../../db/client.ts'
import { buildIcs, type IcsEvent } from '../calendar/ics.ts'
import { loadVisibleEvent, type EventCaller } from './access.ts'

function eventUid(eventId: string): string {
  return `${eventId}@bookify`
}

/** The VEVENT fields of an event; the notifications worker builds e-mail attachments from the same. */
export function icsEventOf(event: {
  id: string, title: string, description: string, status: string, startsAt: Date, endsAt: Date,
  venueName: string, venueAddress: string, city: string, updatedAt: Date
}, appUrl: string): IcsEvent {
  return {
    uid: eventUid(event.id),
    start: event.startsAt,
    end: event.endsAt,
    summary: event.title,
    description: event.description || undefined,
    location: [event.venueName, event.venueAddress, event.city].filter(Boolean).join(', '),
    url: `${appUrl}/events/${event.id}`,
    status: event.status === 'CANCELLED' ? 'CANCELLED' : 'CONFIRMED',
    lastModified: event.updatedAt,
  }
}

export async function eventCalendar(db: Db, eventId: string, caller: EventCaller | undefined, appUrl: string, now = new Date()): Promise<string> {
  const event = await loadVisibleEvent(db, eventId, caller)
  return buildIcs([icsEventOf(event, appUrl)], { stamp: now })
}

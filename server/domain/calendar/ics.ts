// iCalendar (RFC 5545) for event invitations: the calendar.ics route serves it and the notifications
// worker attaches it to e-mails. Built by ical-generator (escaping, folding at 75 octets without
// splitting a UTF-8 character, UTC date-times), behind this small interface so callers need not know
// the library. Pure: no I/O, no clock unless none is given.
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'

export interface IcsEvent {
  /** Globally unique and stable across updates, e.g. `<eventId>@bookify`. */
  uid: string
  start: Date
  end: Date
  summary: string
  description?: string
  location?: string
  url?: string
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'
  /** Revision number; calendar clients apply the highest one. */
  sequence?: number
  lastModified?: Date
}

interface IcsOptions {
  /** DTSTAMP: when this calendar object was produced. */
  stamp?: Date
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL'
  /** `//Company//Product//EN`; the library adds the leading `-`. */
  prodId?: string
}

const METHODS = { PUBLISH: ICalCalendarMethod.PUBLISH, REQUEST: ICalCalendarMethod.REQUEST, CANCEL: ICalCalendarMethod.CANCEL }
const STATUSES = { CONFIRMED: ICalEventStatus.CONFIRMED, TENTATIVE: ICalEventStatus.TENTATIVE, CANCELLED: ICalEventStatus.CANCELLED }

/** RFC 5545 TEXT has no control characters but tab and line breaks (which the library escapes). */
function text(value: string | undefined): string | null {
  // eslint-disable-next-line no-control-regex
  return value ? value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '') : null
}

/** A VCALENDAR with the given events, CRLF line endings (the last line too) and folded lines. */
export function buildIcs(events: IcsEvent[], options: IcsOptions = {}): string {
  const stamp = options.stamp ?? new Date()
  const calendar = ical({ prodId: options.prodId ?? '//Bookify//Bookify Events//EN', method: METHODS[options.method ?? 'PUBLISH'], scale: 'GREGORIAN' })
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      stamp,
      start: event.start,
      end: event.end,
      summary: text(event.summary) ?? '',
      description: text(event.description),
      location: text(event.location),
      url: event.url || null,
      status: event.status ? STATUSES[event.status] : null,
      sequence: event.sequence === undefined ? undefined : Math.max(0, Math.floor(event.sequence)),
      lastModified: event.lastModified ?? null,
    })
  }
  return `${calendar.toString()}\r\n`
}

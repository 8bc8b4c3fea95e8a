// The event details notices show, formatted in the event's own time zone, and the snapshot of the
// fields whose change is worth telling ticket holders about.
export interface EventFacts {
  id: string
  title: string
  description: string
  status: string
  startsAt: Date
  endsAt: Date
  timezone: string
  venueName: string
  venueAddress: string
  city: string
  updatedAt: Date
}

/** What a ticket holder plans around: when and where. Stored with notices to tell real changes apart. */
export interface EventState {
  startsAt: string
  endsAt: string
  venue: string
}

export function eventState(event: EventFacts): EventState {
  return { startsAt: event.startsAt.toISOString(), endsAt: event.endsAt.toISOString(), venue: venueLine(event) }
}

export function sameEventState(a: EventState, b: EventState): boolean {
  return a.startsAt === b.startsAt && a.endsAt === b.endsAt && a.venue === b.venue
}

export function venueLine(event: Pick<EventFacts, 'venueName' | 'venueAddress' | 'city'>): string {
  return [event.venueName, event.venueAddress, event.city].filter(Boolean).join(', ')
}

/** e.g. "Sat 15 Mar 2027, 19:30 CET" — always in the event's zone, never the server's. */
export function formatInZone(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
  }).format(date)
}

function whenLine(event: Pick<EventFacts, 'startsAt' | 'endsAt' | 'timezone'>): string {
  return `${formatInZone(event.startsAt, event.timezone)} – ${formatInZone(event.endsAt, event.timezone)}`
}

export function eventFactsRows(event: EventFacts): [string, string][] {
  return [['When', whenLine(event)], ['Where', venueLine(event)]]
}

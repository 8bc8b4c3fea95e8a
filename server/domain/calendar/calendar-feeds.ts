// Calendar subscriptions (iCalendar over HTTP, polled by calendar apps): a user's private feed of the
// events they booked, and an organiser's public feed of their published events. Both follow changes:
// every VEVENT keeps its UID (`<eventId>@bookify`, as in the e-mailed invitations, so an app merges
// them), carries a SEQUENCE that grows with every change of the event or the booking, and turns
// STATUS:CANCELLED when the event is cancelled or the user's last booking for it is.
import type { Db } from '../../db/client.ts'
import { DomainError } from '../errors.ts'
import { icsEventOf } from '../events/event-calendar.ts'
import { buildIcs, type IcsEvent } from './ics.ts'
import { feedToken, readFeedToken } from './feed-token.ts'

/**
 * SEQUENCE: whole seconds since 2026 of the latest change — it only grows, as RFC 5545 wants, with no
 * revision column to keep. Two changes within one second share it; an app that polled between them
 * still sees the second through LAST-MODIFIED, and apps poll hourly at best.
 */
const SEQUENCE_EPOCH_MS = Date.UTC(2026, 0, 1)
function sequenceOf(...changes: Date[]): number {
  return Math.max(0, Math.floor((Math.max(...changes.map(d => d.getTime())) - SEQUENCE_EPOCH_MS) / 1000))
}

const EVENT_FIELDS = {
  id: true, title: true, description: true, status: true, startsAt: true, endsAt: true,
  venueName: true, venueAddress: true, city: true, updatedAt: true,
} as const

export function calendarFeedUrl(appUrl: string, secret: string, user: { id: string, calendarFeedVersion: number }): string {
  return `${appUrl}/api/calendar/me.ics?token=${feedToken(secret, user.id, user.calendarFeedVersion)}`
}

/** GET /api/calendar/me.ics: the events the token's user booked (confirmed, or cancelled since). */
export async function bookingsFeed(db: Db, secret: string, token: string, appUrl: string, now = new Date()): Promise<string> {
  const claims = readFeedToken(secret, token)
  const user = claims && await db.user.findUnique({ where: { id: claims.userId }, select: { calendarFeedVersion: true, disabledAt: true } })
  if (!claims || !user || user.calendarFeedVersion !== claims.version || user.disabledAt) {
    throw new DomainError('TOKEN_INVALID', 'This calendar link is not valid (any more): copy the current one from your account.')
  }
  const bookings = await db.booking.findMany({
    where: { userId: claims.userId, status: { in: ['CONFIRMED', 'CANCELLED'] }, event: { disabledAt: null } },
    select: { status: true, updatedAt: true, event: { select: EVENT_FIELDS } },
    orderBy: { createdAt: 'asc' },
  })
  const byEvent = new Map<string, IcsEvent>()
  for (const booking of bookings) {
    const earlier = byEvent.get(booking.event.id)
    const booked = booking.status === 'CONFIRMED' || earlier?.status === 'CONFIRMED'
    const vevent = icsEventOf(booking.event, appUrl)
    byEvent.set(booking.event.id, {
      ...vevent,
      status: booked && vevent.status !== 'CANCELLED' ? 'CONFIRMED' : 'CANCELLED',
      sequence: Math.max(earlier?.sequence ?? 0, sequenceOf(booking.event.updatedAt, booking.updatedAt)),
    })
  }
  return buildIcs([...byEvent.values()], { stamp: now })
}

/** DELETE /api/me/calendar-feed: every earlier link stops working; answers the new one. */
export async function renewCalendarFeed(db: Db, userId: string, appUrl: string, secret: string): Promise<{ calendarFeedUrl: string }> {
  const user = await db.user.update({ where: { id: userId }, data: { calendarFeedVersion: { increment: 1 } }, select: { id: true, calendarFeedVersion: true } })
  return { calendarFeedUrl: calendarFeedUrl(appUrl, secret, user) }
}

/** GET /api/organisers/:id/calendar.ics: the organiser's published events, cancelled ones marked so. */
export async function organiserFeed(db: Db, organiserId: string, appUrl: string, now = new Date()): Promise<string> {
  const organiser = await db.user.findUnique({ where: { id: organiserId }, select: { id: true } })
  if (!organiser) throw new DomainError('NOT_FOUND', 'No such organiser.')
  const events = await db.event.findMany({
    where: { organiserId, publishedAt: { not: null }, disabledAt: null },
    select: EVENT_FIELDS,
    orderBy: { startsAt: 'asc' },
  })
  return buildIcs(events.map(event => ({ ...icsEventOf(event, appUrl), sequence: sequenceOf(event.updatedAt) })), { stamp: now })
}

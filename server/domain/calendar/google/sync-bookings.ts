// Brings one linked user's Google Calendar in line with some of their bookings. Google calls come
// first; the resulting CalendarEntry changes are returned for the caller to store in its
// transaction. Every step is safe to repeat: inserts use the booking's own event id (a repeat
// answers 409 and becomes a patch), patches set the whole state, deletes accept 404/410.
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar/index.js'
import type { Db, Prisma } from '../../../db/client.ts'
import { loadBookingFacts } from '../../notifications/load-booking-facts.ts'
import { calendarEventBody, googleEventIdFor } from './calendar-event-body.ts'
import { GoogleRateLimitedError, isDuplicate, isGone, isGrantRevoked, isRateLimited } from './google-errors.ts'
import type { GoogleConfig } from './google-config.ts'
import { linkedCalendar, type LinkedCalendar } from './linked-calendar.ts'

export type EntryChange =
  | { op: 'upsert', userId: string, linkId: string, bookingId: string, googleEventId: string }
  | { op: 'remove', userId: string, bookingId: string }

interface SyncDeps {
  db: Db
  cfg: GoogleConfig
  log: { info(obj: object, msg?: string): void, warn(obj: object, msg?: string): void }
}

interface UserSyncResult {
  changes: EntryChange[]
  /** Google refused the grant (invalid_grant): the caller unlinks and tells the user. */
  revoked: boolean
}

async function insertOrAdopt(cal: LinkedCalendar, bookingId: string, body: calendar_v3.Schema$Event): Promise<string> {
  const id = googleEventIdFor(bookingId)
  try {
    const { data } = await cal.api.events.insert({ calendarId: cal.calendarId, requestBody: { id, ...body } })
    return data.id ?? id
  } catch (err) {
    if (!isDuplicate(err)) throw err
    // Inserted before (a retry after a crash, or a booking synced, deleted and booked again): update it.
    await cal.api.events.patch({ calendarId: cal.calendarId, eventId: id, requestBody: body })
    return id
  }
}

async function syncOne(deps: SyncDeps, cal: LinkedCalendar, link: Prisma.GoogleCalendarLinkModel, bookingId: string): Promise<EntryChange | null> {
  const [booking, entry] = await Promise.all([
    loadBookingFacts(deps.db, bookingId),
    deps.db.calendarEntry.findUnique({ where: { userId_bookingId: { userId: link.userId, bookingId } } }),
  ])
  const wanted = booking && booking.userId === link.userId && booking.status === 'CONFIRMED' && booking.event.status !== 'CANCELLED'
  if (wanted) {
    const body = calendarEventBody(booking, deps.cfg.appUrl)
    let googleEventId: string
    if (entry) {
      try {
        await cal.api.events.patch({ calendarId: cal.calendarId, eventId: entry.googleEventId, requestBody: body })
        googleEventId = entry.googleEventId
      } catch (err) {
        // The user deleted it in Google: put it back (with an id Google chooses).
        if (!isGone(err)) throw err
        const { data } = await cal.api.events.insert({ calendarId: cal.calendarId, requestBody: body })
        googleEventId = data.id!
      }
    } else {
      googleEventId = await insertOrAdopt(cal, bookingId, body)
    }
    return { op: 'upsert', userId: link.userId, linkId: link.id, bookingId, googleEventId }
  }
  try {
    // Without an entry, an insert may still have happened just before a crash: its id is known.
    await cal.api.events.delete({ calendarId: cal.calendarId, eventId: entry?.googleEventId ?? googleEventIdFor(bookingId) })
  } catch (err) {
    if (!isGone(err)) throw err
  }
  return entry ? { op: 'remove', userId: link.userId, bookingId } : null
}

export async function syncUserBookings(deps: SyncDeps, userId: string, bookingIds: string[]): Promise<UserSyncResult> {
  const link = await deps.db.googleCalendarLink.findUnique({ where: { userId } })
  if (!link || bookingIds.length === 0) return { changes: [], revoked: false }
  const cal = linkedCalendar(deps.db, deps.cfg, link, deps.log)
  const changes: EntryChange[] = []
  try {
    for (const bookingId of bookingIds) {
      const change = await syncOne(deps, cal, link, bookingId)
      if (change) changes.push(change)
    }
    return { changes, revoked: false }
  } catch (err) {
    if (isGrantRevoked(err)) return { changes: [], revoked: true }
    if (isRateLimited(err)) throw new GoogleRateLimitedError(err)
    throw err
  } finally {
    await cal.flush()
  }
}

/** Stores the entry changes in the caller's transaction; a link deleted meanwhile takes none. */
export async function applyEntryChanges(tx: Prisma.TransactionClient, changes: EntryChange[]): Promise<void> {
  for (const change of changes) {
    if (change.op === 'remove') {
      await tx.calendarEntry.deleteMany({ where: { userId: change.userId, bookingId: change.bookingId } })
      continue
    }
    if (await tx.googleCalendarLink.count({ where: { id: change.linkId } }) === 0) continue
    await tx.calendarEntry.upsert({
      where: { userId_bookingId: { userId: change.userId, bookingId: change.bookingId } },
      create: { linkId: change.linkId, userId: change.userId, bookingId: change.bookingId, googleEventId: change.googleEventId },
      update: { linkId: change.linkId, googleEventId: change.googleEventId },
    })
  }
}

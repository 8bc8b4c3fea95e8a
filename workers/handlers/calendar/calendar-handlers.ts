// The calendar-sync consumer's handlers: Google calls per affected user (the booking's owner, or
// every user with an entry for the event), then one runtime transaction storing the entry changes
// (and any unlink + notification) with the processed-message record. A Google rate limit throws
// GoogleRateLimitedError: the runtime retries the message with its backoff (delay queues), and the
// repeat is harmless (see sync-bookings.ts).
import { ROUTING_KEYS, type QUEUES } from '../../../server/messaging/names.ts'
import type { GoogleConfig } from '../../../server/domain/calendar/google/google-config.ts'
import { applyEntryChanges, syncUserBookings, type EntryChange } from '../../../server/domain/calendar/google/sync-bookings.ts'
import { bookingTarget, eventTargets, type SyncTargets } from '../../../server/domain/calendar/google/sync-targets.ts'
import { unlinkRevokedGoogle } from '../../../server/domain/calendar/google/unlink-revoked.ts'
import type { AfterCommit } from '../../../server/domain/ports.ts'
import type { HandlerMap, HandlerTools } from '../../runtime/handlers.ts'

export interface CalendarServices {
  cfg: GoogleConfig
  /** Live push of the notification an unlink stores. */
  effects?: Pick<AfterCommit, 'notificationStored'>
}

async function syncTargets(services: CalendarServices, tools: HandlerTools, targets: SyncTargets): Promise<void> {
  const deps = { db: tools.db, cfg: services.cfg, log: tools.log }
  const changes: EntryChange[] = []
  const revoked: string[] = []
  for (const [userId, bookingIds] of targets) {
    const result = await syncUserBookings(deps, userId, bookingIds)
    changes.push(...result.changes)
    if (result.revoked) revoked.push(userId)
  }
  const notified = await tools.tx(async (tx) => {
    await applyEntryChanges(tx, changes)
    const created = []
    for (const userId of revoked) created.push(...(await unlinkRevokedGoogle(tx, userId, tools.messageId, services.cfg.appUrl)).map(notification => ({ userId, notification })))
    return created
  })
  for (const userId of revoked) tools.log.warn({ userId, messageId: tools.messageId }, 'Google grant revoked; calendar unlinked and user notified')
  for (const push of notified) await services.effects?.notificationStored(push)
  if (changes.length) tools.log.info({ messageId: tools.messageId, changes: changes.length }, 'Google Calendar synced')
}

export function calendarHandlers(services: CalendarServices): HandlerMap<typeof QUEUES.calendarSync> {
  const forBooking = (data: { userId: string, bookingId: string }, tools: HandlerTools) =>
    syncTargets(services, tools, bookingTarget(data.userId, data.bookingId))
  const forEvent = async (data: { eventId: string }, tools: HandlerTools) =>
    syncTargets(services, tools, await eventTargets(tools.db, data.eventId))
  const K = ROUTING_KEYS
  return {
    [K.bookingConfirmed]: forBooking,
    [K.bookingChanged]: forBooking,
    [K.bookingCancelled]: forBooking,
    [K.eventUpdated]: forEvent,
    [K.eventCancelled]: forEvent,
  }
}

// The calendar-sync consumer's message handler: Google calls per affected user, then one runtime
// transaction storing the entry changes (and any unlink + notification) with the processed-message
// record. A Google rate limit throws GoogleRateLimitedError: the runtime retries the message with
// its backoff (delay queues), and the repeat is harmless (see sync-bookings.ts).
import type { Db } from '../../../server/db/client.ts'
import { MESSAGE_PAYLOADS, type MessageEnvelope } from '../../../server/messaging/messages.ts'
import { ROUTING_KEYS } from '../../../server/messaging/names.ts'
import type { GoogleConfig } from '../../../server/domain/calendar/google/google-config.ts'
import { applyEntryChanges, syncUserBookings, type EntryChange } from '../../../server/domain/calendar/google/sync-bookings.ts'
import { bookingTarget, eventTargets, type SyncTargets } from '../../../server/domain/calendar/google/sync-targets.ts'
import { unlinkRevokedGoogle } from '../../../server/domain/calendar/google/unlink-revoked.ts'
import type { AfterCommit, LogLike, TxRunner } from '../../../server/domain/ports.ts'

export interface CalendarTools {
  db: Db
  log: LogLike
  tx: TxRunner
}

export interface CalendarServices {
  cfg: GoogleConfig
  /** Live push of the notification an unlink stores. */
  effects?: Pick<AfterCommit, 'notificationStored'>
}

async function targetsOf(db: Db, message: MessageEnvelope): Promise<SyncTargets> {
  const K = ROUTING_KEYS
  switch (message.type) {
    case K.bookingConfirmed:
    case K.bookingChanged:
    case K.bookingCancelled: {
      const { userId, bookingId } = MESSAGE_PAYLOADS[message.type].parse(message.data)
      return bookingTarget(userId, bookingId)
    }
    case K.eventUpdated:
    case K.eventCancelled:
      return eventTargets(db, MESSAGE_PAYLOADS[message.type].parse(message.data).eventId)
    default:
      return new Map()
  }
}

export function calendarHandler(services: CalendarServices) {
  return async function handle(message: MessageEnvelope, tools: CalendarTools): Promise<void> {
    const deps = { db: tools.db, cfg: services.cfg, log: tools.log }
    const changes: EntryChange[] = []
    const revoked: string[] = []
    for (const [userId, bookingIds] of await targetsOf(tools.db, message)) {
      const result = await syncUserBookings(deps, userId, bookingIds)
      changes.push(...result.changes)
      if (result.revoked) revoked.push(userId)
    }
    const notified = await tools.tx(async (tx) => {
      await applyEntryChanges(tx, changes)
      const created = []
      for (const userId of revoked) created.push(...(await unlinkRevokedGoogle(tx, userId, message.id, services.cfg.appUrl)).map(notification => ({ userId, notification })))
      return created
    })
    for (const userId of revoked) tools.log.warn({ userId, messageId: message.id }, 'Google grant revoked; calendar unlinked and user notified')
    for (const push of notified) await services.effects?.notificationStored(push)
    if (changes.length) tools.log.info({ messageId: message.id, changes: changes.length }, 'Google Calendar synced')
  }
}

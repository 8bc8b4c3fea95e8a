// booking.confirmed / booking.changed / booking.cancelled and the reminder job: read the booking as
// it is now, decide the notice, deliver it. Reminder jobs are nudges (see reminders.ts), scheduled
// best-effort: a Redis hiccup must not hold back the confirmation, and the sweep re-adds them.
import { bookingCancelledNotice, bookingChangedNotice, bookingConfirmedNotice, reminderNotice } from './booking-notices.ts'
import { deliverNotices } from './deliver-notices.ts'
import { loadBookingFacts } from './load-booking-facts.ts'
import type { NotifyContext, NotifyDeps } from './notice.ts'
import { removeReminders, reminderStillDue, scheduleReminder, type ReminderQueue } from './reminders.ts'
import type { ReminderJob } from '../../messaging/jobs.ts'
import { ticketsPdf } from '../documents/tickets-pdf.ts'

export type BookingNotifyDeps = NotifyDeps & { reminders?: ReminderQueue }

export async function tryReminders(deps: BookingNotifyDeps, what: string, fn: (queue: ReminderQueue) => Promise<unknown>): Promise<void> {
  if (!deps.reminders) return
  try {
    await fn(deps.reminders)
  } catch (err) {
    deps.log.warn({ err: (err as Error).message }, `${what} skipped; the reminder sweep will catch up`)
  }
}

export async function notifyBookingConfirmed(deps: BookingNotifyDeps, ctx: NotifyContext, { bookingId }: { bookingId: string }): Promise<void> {
  const booking = await loadBookingFacts(deps.db, bookingId)
  // Cancelled before this was handled: the cancellation notice is the one that matters.
  if (!booking || booking.status !== 'CONFIRMED') {
    await deliverNotices(deps, ctx, [])
    return
  }
  await tryReminders(deps, 'scheduling the reminder', queue => scheduleReminder(queue, booking.id, booking.event.startsAt))
  // The PDF is a convenience: without it the e-mail still goes, with the link to the tickets.
  const tickets = await ticketsPdf(deps.db, booking.id).catch((err: Error) => {
    deps.log.warn({ bookingId, err: err.message }, 'tickets PDF not attached')
    return undefined
  })
  await deliverNotices(deps, ctx, [bookingConfirmedNotice(booking, deps.appUrl, new Date(), tickets)])
}

export async function notifyBookingChanged(deps: BookingNotifyDeps, ctx: NotifyContext, { bookingId }: { bookingId: string }): Promise<void> {
  const booking = await loadBookingFacts(deps.db, bookingId)
  await deliverNotices(deps, ctx, booking?.status === 'CONFIRMED' ? [bookingChangedNotice(booking, deps.appUrl)] : [])
}

export async function notifyBookingCancelled(deps: BookingNotifyDeps, ctx: NotifyContext, payload: { bookingId: string, reason: 'USER' | 'ORGANISER' | 'EVENT_CANCELLED' | 'ADMIN' }): Promise<void> {
  await tryReminders(deps, 'removing the reminder', queue => removeReminders(queue, [payload.bookingId]))
  const booking = await loadBookingFacts(deps.db, payload.bookingId)
  // An event cancellation tells each holder once, through event.cancelled.
  const notices = booking && payload.reason !== 'EVENT_CANCELLED' ? [bookingCancelledNotice(booking, deps.appUrl, payload.reason)] : []
  await deliverNotices(deps, ctx, notices)
}

/** The reminder job: still confirmed, and the event still starts when the job was planned for? */
export async function notifyReminder(deps: NotifyDeps, ctx: NotifyContext, job: ReminderJob): Promise<boolean> {
  const booking = await loadBookingFacts(deps.db, job.bookingId)
  if (!booking || !reminderStillDue(job, booking)) return false
  await deliverNotices(deps, ctx, [reminderNotice(booking, deps.appUrl)])
  return true
}

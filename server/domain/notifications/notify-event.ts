// event.updated / event.cancelled: every ticket holder hears once (and, on a cancel, whoever had a
// waitlist offer running, whose places the cancel released). An update is only worth a notice
// when the time or place moved: the payload says whether the times changed, and the state each
// holder was last told (kept with their notices) shows a venue change; holders with no such notice
// (in-app notifications off) are told about time changes only.
import { deliverNotices } from './deliver-notices.ts'
import { eventState, sameEventState } from './event-facts.ts'
import { eventCancelledNotice, eventUpdatedNotice } from './event-notices.ts'
import { waitlistOfferWithdrawnNotice } from './account-notices.ts'
import { cancelledHolders, confirmedHolders, droppedOffers, lastToldStates } from './load-holders.ts'
import { loadEventFacts } from './load-booking-facts.ts'
import type { NotifyContext } from './notice.ts'
import { tryReminders, type BookingNotifyDeps } from './notify-booking.ts'
import { removeReminders, rescheduleReminders } from './reminders.ts'

export async function notifyEventUpdated(deps: BookingNotifyDeps, ctx: NotifyContext, { eventId, timesChanged }: { eventId: string, timesChanged: boolean }): Promise<void> {
  const event = await loadEventFacts(deps.db, eventId)
  if (!event || event.status !== 'PUBLISHED') {
    await deliverNotices(deps, ctx, [])
    return
  }
  const holders = await confirmedHolders(deps.db, eventId)
  if (timesChanged) {
    const bookingIds = holders.flatMap(h => h.bookings.map(b => b.id))
    await tryReminders(deps, 'rescheduling reminders', queue => rescheduleReminders(queue, bookingIds, event.startsAt))
  }
  const now = eventState(event)
  const told = await lastToldStates(deps.db, eventId, holders.map(h => h.userId))
  const relevant = holders.filter((h) => {
    const last = told.get(h.userId)
    return last ? !sameEventState(last, now) : timesChanged
  })
  await deliverNotices(deps, ctx, relevant.map(h => eventUpdatedNotice(event, h, deps.appUrl)))
}

export async function notifyEventCancelled(deps: BookingNotifyDeps, ctx: NotifyContext, { eventId }: { eventId: string }): Promise<void> {
  const event = await deps.db.event.findUnique({ where: { id: eventId }, select: { cancelledAt: true } })
  const facts = await loadEventFacts(deps.db, eventId)
  if (!event?.cancelledAt || !facts) {
    await deliverNotices(deps, ctx, [])
    return
  }
  const [holders, offers] = await Promise.all([cancelledHolders(deps.db, eventId, event.cancelledAt), droppedOffers(deps.db, eventId, event.cancelledAt)])
  await tryReminders(deps, 'removing reminders', queue => removeReminders(queue, holders.flatMap(h => h.bookings.map(b => b.id))))
  await deliverNotices(deps, ctx, [
    ...holders.map(h => eventCancelledNotice(facts, h, deps.appUrl)),
    ...offers.map(o => waitlistOfferWithdrawnNotice(o, facts, deps.appUrl)),
  ])
}

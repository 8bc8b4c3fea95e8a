// POST /api/events/:id/cancel: the event is called off and everything on it is released in one
// transaction — active holds, confirmed bookings (tickets voided, one booking.cancelled each, so
// every ticket holder is told), open waitlist entries — then event.cancelled, on which the payments
// worker refunds every card-paid booking and ends open checkouts (server/domain/payments/event-refunds.ts). The event row lock
// makes a second, concurrent cancel wait and then find the event already cancelled: it changes
// nothing and writes no message.
import type { Db, Prisma } from '../../db/client.ts'
import type { EventDetailDto } from '../../../shared/types/event.ts'
import { outboxData, writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { EDITOR_ROLES, loadEventForRole, type EventCaller } from './access.ts'
import { auditEvent } from './audit.ts'
import { eventDetail } from './event-detail.ts'
import { lockEvent } from './lock-event.ts'
import { placesNow, type AfterCommit } from '../ports.ts'

type Tx = Prisma.TransactionClient

interface CancelledBooking {
  id: string
  user_id: string
  reference: string
}

async function releaseEverything(tx: Tx, eventId: string, now: Date): Promise<{ holds: number, bookings: CancelledBooking[], waitlist: number, freedPlaceIds: string[] }> {
  const holds = await tx.$executeRaw`
    UPDATE holds SET status = 'RELEASED', ended_at = ${now} WHERE event_id = ${eventId}::uuid AND status = 'ACTIVE'`
  const bookings = await tx.$queryRaw<CancelledBooking[]>`
    UPDATE bookings SET status = 'CANCELLED', cancelled_at = ${now}, updated_at = ${now}, cancel_reason = 'EVENT_CANCELLED'
     WHERE event_id = ${eventId}::uuid AND status = 'CONFIRMED'
    RETURNING id, user_id, reference`
  if (bookings.length) {
    await tx.$executeRaw`
      UPDATE tickets SET voided_at = ${now} WHERE booking_id = ANY(${bookings.map(b => b.id)}::uuid[]) AND voided_at IS NULL`
  }
  // Every claim on the event's places goes: released holds, lapsed holds and the cancelled bookings.
  const freed = await tx.$queryRaw<{ id: string }[]>`
    UPDATE places SET hold_id = NULL, held_until = NULL, booking_id = NULL
     WHERE event_id = ${eventId}::uuid AND (hold_id IS NOT NULL OR booking_id IS NOT NULL)
    RETURNING id`
  const waitlist = await tx.$executeRaw`
    UPDATE waitlist_entries SET status = 'LAPSED', updated_at = ${now}
     WHERE event_id = ${eventId}::uuid AND status IN ('WAITING', 'OFFERED')`
  return { holds, bookings, waitlist, freedPlaceIds: freed.map(f => f.id) }
}

/** After the commit, live views see every place come free (nobody can buy them: the event is off sale). */
export async function cancelEvent(db: Db, effects: AfterCommit, eventId: string, caller: EventCaller, now = new Date()): Promise<EventDetailDto> {
  await loadEventForRole(db, eventId, caller, EDITOR_ROLES)
  const { detail, freedPlaceIds } = await db.$transaction(async (tx) => {
    const event = await lockEvent(tx, eventId)
    if (event.status === 'CANCELLED') return { detail: await eventDetail(tx, eventId), freedPlaceIds: [] }
    await tx.event.update({ where: { id: eventId }, data: { status: 'CANCELLED', cancelledAt: now } })
    const released = await releaseEverything(tx, eventId, now)
    if (released.bookings.length) {
      await tx.outboxMessage.createMany({
        data: released.bookings.map(b => outboxData(ROUTING_KEYS.bookingCancelled, {
          bookingId: b.id, userId: b.user_id, eventId, reference: b.reference, reason: 'EVENT_CANCELLED',
        })),
      })
    }
    await writeOutbox(tx, ROUTING_KEYS.eventCancelled, { eventId })
    await auditEvent(tx, caller.userId, eventId, 'event.cancelled', {
      holdsReleased: released.holds, bookingsCancelled: released.bookings.length, waitlistLapsed: released.waitlist,
    })
    return { detail: await eventDetail(tx, eventId), freedPlaceIds: released.freedPlaceIds }
  }, { maxWait: 10_000, timeout: 30_000 })
  await effects.eventChanged(eventId)
  await effects.placesChanged(eventId, placesNow(freedPlaceIds, 'AVAILABLE'))
  return detail
}

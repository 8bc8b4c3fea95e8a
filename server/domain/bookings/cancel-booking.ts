// Cancelling frees the places at once (they are sellable the moment this commits) and voids the
// tickets; the waitlist gets the first offer (see server/domain/waitlist).
import type { Db } from '../../db/client.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { DomainError } from '../errors.ts'
import { placesNow, type AfterCommit } from '../ports.ts'
import type { BookingDto } from '../../../shared/types/booking.ts'
import { loadBooking } from './booking-dto.ts'

interface Cancelled {
  eventId: string
  freedPlaceIds: string[]
  /** False when the booking was already cancelled: nothing changed. */
  changed: boolean
}

export interface CancelledBooking {
  booking: BookingDto
  /** False when the booking was already cancelled: nothing changed. */
  changed: boolean
}

/** After the commit, the freed places are announced (and so offered to the waitlist). */
export async function cancelBooking(db: Db, effects: AfterCommit, bookingId: string, userId: string, correlationId?: string, now = new Date()): Promise<CancelledBooking> {
  const booking = await db.booking.findFirst({ where: { id: bookingId, userId }, include: { event: { select: { startsAt: true } } } })
  if (!booking) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  if (booking.status === 'CANCELLED') return { booking: await loadBooking(db, bookingId, userId), changed: false }
  if (booking.event.startsAt <= now) throw new DomainError('CONFLICT', 'The event has started; this booking can no longer be cancelled.', { reason: 'EVENT_STARTED' })
  const cancelled = await db.$transaction(async (tx): Promise<Cancelled> => {
    const flipped = await tx.booking.updateMany({ where: { id: bookingId, status: 'CONFIRMED' }, data: { status: 'CANCELLED', cancelledAt: now } })
    if (flipped.count === 0) return { eventId: booking.eventId, freedPlaceIds: [], changed: false }
    await tx.ticket.updateMany({ where: { bookingId, voidedAt: null }, data: { voidedAt: now } })
    const freed = await tx.$queryRaw<{ id: string }[]>`
      UPDATE places SET booking_id = NULL WHERE booking_id = ${bookingId}::uuid RETURNING id`
    await writeOutbox(tx, ROUTING_KEYS.bookingCancelled, { bookingId, userId, eventId: booking.eventId, reference: booking.reference, reason: 'USER' }, correlationId)
    return { eventId: booking.eventId, freedPlaceIds: freed.map(r => r.id), changed: true }
  })
  await effects.placesChanged(cancelled.eventId, placesNow(cancelled.freedPlaceIds, 'AVAILABLE'))
  return { booking: await loadBooking(db, bookingId, userId), changed: cancelled.changed }
}

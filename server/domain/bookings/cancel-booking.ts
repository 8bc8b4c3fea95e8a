// Cancelling frees the places at once (they are sellable the moment this commits) and voids the
// tickets; the waitlist gets the first offer (see server/domain/waitlist). A card-paid booking is
// refunded in full in the same transaction (a refund row and its message): for its buyer only
// inside the event's refund policy (else 409 REFUND_NOT_ALLOWED and nothing changes), for the
// event's organisers always. A booking still waiting for its card payment ends its checkout.
import type { Db } from '../../db/client.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { DomainError } from '../errors.ts'
import { placesNow, type AfterCommit } from '../ports.ts'
import type { BookingDto } from '../../../shared/types/booking.ts'
import { EDITOR_ROLES, rolesOn, type EventCaller } from '../events/access.ts'
import { endCheckout } from '../payments/end-checkout.ts'
import { buyerMayBeRefunded, refundDeadline, refundPolicyOf } from '../payments/refund-policy.ts'
import { requestRefund, tryRefundNow } from '../payments/refunds.ts'
import type { PaymentDeps } from '../payments/start-checkout.ts'
import { loadBooking, loadBookingById } from './booking-dto.ts'

interface Cancelled {
  eventId: string
  freedPlaceIds: string[]
  refundId: string | null
  /** False when the booking was already cancelled: nothing changed. */
  changed: boolean
}

export interface CancelledBooking {
  booking: BookingDto
  /** False when the booking was already cancelled: nothing changed. */
  changed: boolean
}

type Payments = Pick<PaymentDeps, 'gateway' | 'log'>

async function findAccessible(db: Db, bookingId: string, caller: EventCaller) {
  const booking = /^[0-9a-f-]{36}$/i.test(bookingId)
    ? await db.booking.findUnique({ where: { id: bookingId }, include: { event: { select: { id: true, organiserId: true, startsAt: true, refundPolicy: true, refundHours: true } } } })
    : null
  if (!booking) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  const organises = (await rolesOn(db, booking.event, caller)).some(r => EDITOR_ROLES.includes(r))
  // Someone else's booking is "not found" unless the caller runs its event (invariant 4).
  if (booking.userId !== caller.userId && !organises) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  return { booking, organises }
}

/** After the commit, the freed places are announced (and so offered to the waitlist) and a refund is sent. */
export async function cancelBooking(db: Db, effects: AfterCommit, payments: Payments, bookingId: string, caller: EventCaller, correlationId?: string, now = new Date()): Promise<CancelledBooking> {
  let { booking, organises } = await findAccessible(db, bookingId, caller)
  const byOrganiser = organises && booking.userId !== caller.userId
  const answer = async (changed: boolean) => ({ booking: byOrganiser ? await loadBookingById(db, bookingId) : await loadBooking(db, bookingId, caller.userId), changed })
  if (booking.status === 'PENDING_PAYMENT') {
    const ended = await endCheckout(db, effects, payments.gateway, bookingId, 'USER', now)
    if (ended.outcome !== 'paid') return answer(ended.outcome === 'ended')
    // The payment had gone through meanwhile: cancel the now confirmed booking under the usual rules.
    ;({ booking, organises } = await findAccessible(db, bookingId, caller))
  }
  if (booking.status !== 'CONFIRMED') return answer(false)
  if (booking.event.startsAt <= now) throw new DomainError('CONFLICT', 'The event has started; this booking can no longer be cancelled.', { reason: 'EVENT_STARTED' })
  const paid = booking.paidCents > 0
  const policy = refundPolicyOf(booking.event)
  if (paid && !organises && !buyerMayBeRefunded(policy, booking.event.startsAt, now)) {
    const deadline = refundDeadline(policy, booking.event.startsAt)
    throw new DomainError('REFUND_NOT_ALLOWED', deadline
      ? `Cancellations were refunded until ${deadline.toISOString()}; this booking can no longer be cancelled with a refund.`
      : 'This event does not refund cancellations.', { refundPolicy: policy, refundableUntil: deadline?.toISOString() ?? null })
  }
  const reason = byOrganiser ? 'ORGANISER' : 'USER'
  const cancelled = await db.$transaction(async (tx): Promise<Cancelled> => {
    const flipped = await tx.booking.updateMany({ where: { id: bookingId, status: 'CONFIRMED' }, data: { status: 'CANCELLED', cancelledAt: now, cancelReason: reason } })
    if (flipped.count === 0) return { eventId: booking.eventId, freedPlaceIds: [], refundId: null, changed: false }
    await tx.ticket.updateMany({ where: { bookingId, voidedAt: null }, data: { voidedAt: now } })
    const freed = await tx.$queryRaw<{ id: string }[]>`
      UPDATE places SET booking_id = NULL WHERE booking_id = ${bookingId}::uuid RETURNING id`
    await writeOutbox(tx, ROUTING_KEYS.bookingCancelled, { bookingId, userId: booking.userId, eventId: booking.eventId, reference: booking.reference, reason }, correlationId)
    const refundId = paid ? await requestRefund(tx, { bookingId, reason: 'BOOKING_CANCELLED', requestedById: caller.userId, correlationId }) : null
    return { eventId: booking.eventId, freedPlaceIds: freed.map(r => r.id), refundId, changed: true }
  })
  await effects.placesChanged(cancelled.eventId, placesNow(cancelled.freedPlaceIds, 'AVAILABLE'))
  await tryRefundNow(db, payments.gateway, cancelled.refundId, payments.log)
  return answer(cancelled.changed)
}

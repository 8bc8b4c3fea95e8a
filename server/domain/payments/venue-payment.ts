// POST /api/bookings/:id/venue-payment: door staff or an organiser took the money of a pay-at-venue
// booking (cash or card on the venue's own terminal). One conditional UPDATE flips DUE_AT_VENUE to
// PAID, so two doors marking the same booking record it once; the audit row names who took how much
// and how. `paid_cents` stays the money taken through Stripe (refunds go back through it), so a
// booking paid at the door is PAID with `payment_ref` "door:CASH" or "door:CARD" and is refunded, if
// ever, in person.
import type { Db } from '../../db/client.ts'
import type { VenuePaymentBody } from '../../../shared/schemas/payments.ts'
import type { VenuePaymentDto } from '../../../shared/types/organising.ts'
import { isUuid } from '../events/access.ts'
import { DomainError } from '../errors.ts'
import { audit } from '../organising/audit-log.ts'
import { requireEventRole, ROLES, type EventCaller } from '../organising/event-roles.ts'

const notFound = () => new DomainError('NOT_FOUND', 'No such booking.')
export const DOOR_REF_PREFIX = 'door:'

export async function markPaidAtVenue(db: Db, bookingId: string, caller: EventCaller, body: VenuePaymentBody, now = new Date()): Promise<VenuePaymentDto> {
  const booking = isUuid(bookingId) ? await db.booking.findUnique({ where: { id: bookingId }, select: { eventId: true } }) : null
  if (!booking) throw notFound()
  // Someone with no role on the event learns nothing about its bookings (invariant 4).
  await requireEventRole(db, booking.eventId, caller, ROLES.door).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') throw notFound()
    throw error
  })
  return db.$transaction(async (tx) => {
    const flipped = await tx.booking.updateMany({
      where: { id: bookingId, status: 'CONFIRMED', paymentStatus: 'DUE_AT_VENUE' },
      data: { paymentStatus: 'PAID', paidAt: now, paymentRef: `${DOOR_REF_PREFIX}${body.method}` },
    })
    const row = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { reference: true, status: true, totalCents: true, currency: true, paymentStatus: true, paymentRef: true, paidAt: true, user: { select: { name: true } } } })
    if (flipped.count === 0) {
      const reason = row.status !== 'CONFIRMED' ? 'NOT_CONFIRMED' : row.paymentRef?.startsWith(DOOR_REF_PREFIX) ? 'ALREADY_PAID' : 'NOT_PAY_AT_VENUE'
      const message = { NOT_CONFIRMED: 'This booking is not confirmed; there is nothing to collect.', ALREADY_PAID: 'This booking has already been paid at the door.', NOT_PAY_AT_VENUE: 'This booking is not paid at the venue.' }[reason]
      throw new DomainError('CONFLICT', message, { reason, paymentStatus: row.paymentStatus })
    }
    await audit(tx, {
      actorId: caller.userId, eventId: booking.eventId, action: 'booking.paid_at_venue',
      target: { type: 'booking', id: bookingId },
      data: { reference: row.reference, holder: row.user.name, amountCents: row.totalCents, currency: row.currency, method: body.method },
    })
    return {
      bookingId,
      reference: row.reference,
      payment: { status: 'PAID', method: body.method, paidAt: now.toISOString(), amount: { amountCents: row.totalCents, currency: row.currency } },
      due: { amountCents: 0, currency: row.currency },
    }
  })
}

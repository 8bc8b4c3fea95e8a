// POST /api/bookings: turns the caller's hold into a booking, paid the way the buyer chose among the
// event's methods — free (nothing to pay), at the venue (confirmed now), or by card (a pending
// booking and a Stripe Checkout Session; confirmed when the payment is known).
import type { Db } from '../../db/client.ts'
import type { BookingDto } from '../../../shared/types/booking.ts'
import type { PaymentMethod } from '../../../shared/schemas/payments.ts'
import { DomainError } from '../errors.ts'
import type { AfterCommit } from '../ports.ts'
import { payAtVenue } from '../payments/pay-at-venue.ts'
import { startCardCheckout, type PaymentDeps } from '../payments/start-checkout.ts'
import { confirmBooking } from './confirm-booking.ts'
import type { AnswersInput } from '../../../shared/schemas/pricing.ts'
import { answersForHold } from '../pricing/questions.ts'

export interface OrderInput {
  holdId: string
  userId: string
  payment?: { method: PaymentMethod }
  answers?: AnswersInput
  correlationId?: string
}

function notOffered(method: PaymentMethod): DomainError {
  return new DomainError('CONFLICT', method === 'card' ? 'This event does not take card payments.' : 'This event must be paid by card.', { reason: 'PAYMENT_METHOD_NOT_OFFERED', method })
}

export async function placeOrder(db: Db, effects: AfterCommit, payments: PaymentDeps, input: OrderInput, now = new Date()): Promise<BookingDto> {
  const hold = await db.hold.findFirst({ where: { id: input.holdId, userId: input.userId }, select: { totalCents: true, eventId: true, event: { select: { paymentMethods: true } } } })
  if (!hold) throw new DomainError('NOT_FOUND', 'There is no such hold.')
  // Before any payment starts: the checkout questions must be answered.
  const answers = await answersForHold(db, input.holdId, hold.eventId, input.answers)
  const method = input.payment?.method ?? 'venue'
  const confirmNow = () => confirmBooking(db, effects, payAtVenue, { holdId: input.holdId, userId: input.userId, correlationId: input.correlationId, answers }, now)
  if (hold.totalCents === 0) return confirmNow()
  if (method === 'card') {
    if (!payments.gateway) throw new DomainError('PAYMENT_REQUIRED', 'Card payments are not set up on this Bookify; choose to pay at the venue.')
    if (!hold.event.paymentMethods.includes('card')) throw notOffered('card')
    return startCardCheckout(db, effects, payments, { holdId: input.holdId, userId: input.userId, answers }, now)
  }
  if (!hold.event.paymentMethods.includes('venue')) throw notOffered('venue')
  return confirmNow()
}

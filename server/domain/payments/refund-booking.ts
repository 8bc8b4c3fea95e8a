// POST /api/bookings/:id/refunds: an organiser gives back part (or all) of what a booking paid by
// card. The booking itself stands; at most what is left (paid, less refunded and pending) can go.
import type { Db } from '../../db/client.ts'
import type { RefundDto } from '../../../shared/types/booking.ts'
import { DomainError } from '../errors.ts'
import { EDITOR_ROLES, rolesOn, type EventCaller } from '../events/access.ts'
import { refundDto } from './payment-dto.ts'
import { lockedMoney, requestRefund, tryRefundNow } from './refunds.ts'
import { refundableCents } from './money.ts'
import type { PaymentDeps } from './start-checkout.ts'

export async function refundBooking(db: Db, payments: Pick<PaymentDeps, 'gateway' | 'log'>, bookingId: string, caller: EventCaller, body: { amountCents: number, reason?: string }, correlationId?: string): Promise<RefundDto> {
  const booking = /^[0-9a-f-]{36}$/i.test(bookingId)
    ? await db.booking.findUnique({ where: { id: bookingId }, select: { id: true, paidCents: true, event: { select: { id: true, organiserId: true } } } })
    : null
  if (!booking || !(await rolesOn(db, booking.event, caller)).some(r => EDITOR_ROLES.includes(r))) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  if (booking.paidCents <= 0) throw new DomainError('REFUND_NOT_ALLOWED', 'Only bookings paid by card can be refunded here.', { reason: 'NOT_PAID_BY_CARD', refundableCents: 0 })
  const refundId = await db.$transaction(async (tx) => {
    const money = (await lockedMoney(tx, bookingId))!
    const left = refundableCents({ paidCents: money.paid_cents, refundedCents: money.refunded_cents, pendingCents: money.pending_cents })
    if (body.amountCents > left) {
      throw new DomainError('REFUND_NOT_ALLOWED', left === 0 ? 'Everything paid for this booking is already refunded.' : `At most ${left} can still be refunded.`, { reason: 'MORE_THAN_PAID', refundableCents: left })
    }
    return requestRefund(tx, { bookingId, amountCents: body.amountCents, reason: 'ORGANISER', note: body.reason, requestedById: caller.userId, correlationId })
  })
  await tryRefundNow(db, payments.gateway, refundId, payments.log)
  return refundDto(await db.refund.findUniqueOrThrow({ where: { id: refundId! } }))
}

import { createBookingBody } from '../../../shared/schemas/bookings.ts'
import { placeOrder } from '../../domain/bookings/place-order.ts'
import { requestIdOf } from '../../observability/request-id.ts'
import { countMetric } from '../../observability/web-metrics.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const body = await readValid(event, createBookingBody)
  // 201: confirmed (free, or paid at the venue); 202: waiting for the card payment at checkoutUrl.
  return idempotent(event, caller.userId, 'POST /api/bookings', body, b => (b.status === 'PENDING_PAYMENT' ? 202 : 201), async () => {
    const booking = await placeOrder(useDb(), useAfterCommit(), usePayments(), { holdId: body.holdId, userId: caller.userId, payment: body.payment, answers: body.answers, correlationId: requestIdOf(event) })
    if (booking.status === 'CONFIRMED') countMetric('bookings_confirmed')
    return booking
  })
})

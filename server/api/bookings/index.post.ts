import { createBookingBody } from '../../../shared/schemas/bookings.ts'
import { confirmBooking } from '../../domain/bookings/confirm-booking.ts'
import { PAYMENT_PROVIDERS } from '../../domain/payments/pay-at-venue.ts'
import { requestIdOf } from '../../observability/request-id.ts'
import { countMetric } from '../../observability/web-metrics.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const body = await readValid(event, createBookingBody)
  const provider = PAYMENT_PROVIDERS[body.payment?.provider ?? 'pay_at_venue']!
  return idempotent(event, caller.userId, 'POST /api/bookings', body, 201, async () => {
    const booking = await confirmBooking(useDb(), useAfterCommit(), provider, { holdId: body.holdId, userId: caller.userId, payment: body.payment, correlationId: requestIdOf(event) })
    countMetric('bookings_confirmed')
    return booking
  })
})

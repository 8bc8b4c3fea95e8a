import { idParams } from '../../../../shared/schemas/params.ts'
import { cancelBooking } from '../../../domain/bookings/cancel-booking.ts'
import { requestIdOf } from '../../../observability/request-id.ts'
import { countMetric } from '../../../observability/web-metrics.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return idempotent(event, caller.userId, 'POST /api/bookings/:id/cancel', { id }, 200, async () => {
    const { booking, changed } = await cancelBooking(useDb(), useAfterCommit(), usePayments(), id, caller, requestIdOf(event))
    if (changed) countMetric('bookings_cancelled')
    return booking
  })
})

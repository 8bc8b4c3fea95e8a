import { idParams } from '../../../../shared/schemas/params.ts'
import { cancelBooking } from '../../../domain/bookings/cancel-booking.ts'
import { loadBooking } from '../../../domain/bookings/booking-dto.ts'
import { requestIdOf } from '../../../observability/request-id.ts'
import { countMetric } from '../../../observability/web-metrics.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return idempotent(event, caller.userId, 'POST /api/bookings/:id/cancel', { id }, 200, async () => {
    const cancelled = await cancelBooking(useDb(), id, caller.userId, requestIdOf(event))
    if (cancelled.changed) {
      countMetric('bookings_cancelled')
      await announceAvailability(cancelled.eventId, cancelled.freedPlaceIds.map(placeId => ({ placeId, status: 'AVAILABLE' as const })))
      await offerFreedPlaces(cancelled.eventId)
    }
    return loadBooking(useDb(), id, caller.userId)
  })
})

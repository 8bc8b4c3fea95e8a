import { cancelBooking } from '../../../domain/bookings/cancel-booking.ts'
import { isUuid } from '../../../domain/holds/hold-dto.ts'
import { DomainError } from '../../../domain/errors.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const id = getRouterParam(event, 'id') ?? ''
  if (!isUuid(id)) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  return idempotent(event, caller.userId, 'POST /api/bookings/:id/cancel', { id }, 200, async () => {
    const { booking, changed } = await cancelBooking(useDb(), useAfterCommit(), usePayments(), id, caller, requestIdOf(event))
    if (changed) countMetric('bookings_cancelled')
    return booking
  })
})

import { refundBody } from '../../../../shared/schemas/payments.ts'
import { isUuid } from '../../../domain/holds/hold-dto.ts'
import { DomainError } from '../../../domain/errors.ts'
import { refundBooking } from '../../../domain/payments/refund-booking.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const id = getRouterParam(event, 'id') ?? ''
  if (!isUuid(id)) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  const body = await readValid(event, refundBody)
  return idempotent(event, caller.userId, 'POST /api/bookings/:id/refunds', { id, ...body }, 201, () =>
    refundBooking(useDb(), usePayments(), id, caller, body, requestIdOf(event)))
})

import { refundBody } from '../../../../shared/schemas/payments.ts'
import { idParams } from '../../../../shared/schemas/params.ts'
import { requestIdOf } from '../../../observability/request-id.ts'
import { refundBooking } from '../../../domain/payments/refund-booking.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, refundBody)
  return idempotent(event, caller.userId, 'POST /api/bookings/:id/refunds', { id, ...body }, 201, () =>
    refundBooking(useDb(), usePayments(), id, caller, body, requestIdOf(event)))
})

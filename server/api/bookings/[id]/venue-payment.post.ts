import { idParams } from '../../../../shared/schemas/params.ts'
import { venuePaymentBody } from '../../../../shared/schemas/payments.ts'
import { markPaidAtVenue } from '../../../domain/payments/venue-payment.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, venuePaymentBody)
  return markPaidAtVenue(useDb(), id, caller, body)
})

import { idParams } from '../../../../shared/schemas/params.ts'
import { eventPayments } from '../../../domain/payments/event-payments.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return eventPayments(useDb(), id, caller)
})

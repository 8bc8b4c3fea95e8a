import { idParams } from '../../../../../../shared/schemas/params.ts'
import { listDeliveries } from '../../../../../domain/webhooks/deliveries.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return listDeliveries(useDb(), caller.userId, id)
})

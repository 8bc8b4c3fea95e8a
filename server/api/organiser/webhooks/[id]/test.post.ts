import { idParams } from '../../../../../shared/schemas/params.ts'
import { sendTestDelivery } from '../../../../domain/webhooks/deliveries.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const delivery = await sendTestDelivery(useDb(), caller.userId, id)
  await scheduleWebhookNow(delivery.id)
  setResponseStatus(event, 202)
  return delivery
})

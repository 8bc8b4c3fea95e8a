import { webhookDeliveryParams } from '../../../../../../../shared/schemas/params.ts'
import { resendDelivery } from '../../../../../../domain/webhooks/deliveries.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id, deliveryId } = readParams(event, webhookDeliveryParams)
  const delivery = await resendDelivery(useDb(), caller.userId, id, deliveryId)
  await scheduleWebhookNow(delivery.id)
  setResponseStatus(event, 202)
  return delivery
})

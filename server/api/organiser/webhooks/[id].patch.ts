import { idParams } from '../../../../shared/schemas/params.ts'
import { updateWebhookBody } from '../../../../shared/schemas/webhooks.ts'
import { updateWebhook } from '../../../domain/webhooks/endpoints.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, updateWebhookBody)
  return updateWebhook(useDb(), caller.userId, id, body, webhookSettings())
})

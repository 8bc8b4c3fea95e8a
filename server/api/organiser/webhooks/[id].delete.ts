import { idParams } from '../../../../shared/schemas/params.ts'
import { deleteWebhook } from '../../../domain/webhooks/endpoints.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return deleteWebhook(useDb(), caller.userId, id)
})

import { listWebhooks } from '../../../domain/webhooks/endpoints.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return listWebhooks(useDb(), caller.userId)
})

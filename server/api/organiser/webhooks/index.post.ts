import { createWebhookBody } from '../../../../shared/schemas/webhooks.ts'
import { createWebhook } from '../../../domain/webhooks/endpoints.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const body = await readValid(event, createWebhookBody)
  const endpoint = await createWebhook(useDb(), caller, body, webhookSettings())
  setResponseStatus(event, 201)
  // The signing secret is in this answer only: no cache may keep it.
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return endpoint
})

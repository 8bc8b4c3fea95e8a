import { createApiKeyBody } from '../../../../shared/schemas/api-keys.ts'
import { createApiKey } from '../../../domain/integrations/api-keys.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const body = await readValid(event, createApiKeyBody)
  const key = await createApiKey(useDb(), caller.userId, body, requestOrigin(event))
  setResponseStatus(event, 201)
  // The secret is in this answer only: no cache may keep it.
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return key
})

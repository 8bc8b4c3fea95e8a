import { listApiKeys } from '../../../domain/integrations/api-keys.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return listApiKeys(useDb(), caller.userId)
})

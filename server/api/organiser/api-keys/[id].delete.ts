import { idParams } from '../../../../shared/schemas/params.ts'
import { revokeApiKey } from '../../../domain/integrations/api-keys.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return revokeApiKey(useDb(), caller.userId, id, requestOrigin(event))
})

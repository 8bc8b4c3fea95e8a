import { idParams } from '../../../../shared/schemas/params.ts'
import { extendHold } from '../../../domain/holds/hold-lifecycle.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return extendHold(useDb(), useAfterCommit(), id, caller.userId)
})

import { idParams } from '../../../shared/schemas/params.ts'
import { releaseHold } from '../../domain/holds/hold-lifecycle.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  await releaseHold(useDb(), useAfterCommit(), id, caller.userId)
  setResponseStatus(event, 204)
  return null
})

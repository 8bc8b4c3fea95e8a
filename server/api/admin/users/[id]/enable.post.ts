import { idParams } from '../../../../../shared/schemas/params.ts'
import { setUserDisabled } from '../../../../domain/organising/admin.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return setUserDisabled(useDb(), useAfterCommit(), caller, id, false)
})

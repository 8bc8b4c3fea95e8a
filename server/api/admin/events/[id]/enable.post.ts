import { idParams } from '../../../../../shared/schemas/params.ts'
import { setEventDisabled } from '../../../../domain/organising/admin.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return setEventDisabled(useDb(), caller, id, false, new Date(), useAfterCommit())
})

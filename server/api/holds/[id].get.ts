import { idParams } from '../../../shared/schemas/params.ts'
import { loadHold } from '../../domain/holds/hold-dto.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return loadHold(useDb(), id, caller.userId)
})

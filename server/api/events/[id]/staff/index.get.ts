import { idParams } from '../../../../../shared/schemas/params.ts'
import { listTeam } from '../../../../domain/organising/staff.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return listTeam(useDb(), id, caller)
})

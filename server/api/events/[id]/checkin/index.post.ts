import { idParams } from '../../../../../shared/schemas/params.ts'
import { checkInBody } from '../../../../../shared/schemas/organising.ts'
import { checkIn } from '../../../../domain/organising/check-in.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, checkInBody)
  return checkIn(useDb(), id, caller, body)
})

import { idParams } from '../../../../../shared/schemas/params.ts'
import { listQuestions } from '../../../../domain/pricing/questions.ts'

export default defineEventHandler(async (event) => {
  const caller = await optionalUser(event)
  const { id } = readParams(event, idParams)
  return listQuestions(useDb(), id, caller)
})

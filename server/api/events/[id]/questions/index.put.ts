import { idParams } from '../../../../../shared/schemas/params.ts'
import { putQuestionsBody } from '../../../../../shared/schemas/pricing.ts'
import { putQuestions } from '../../../../domain/pricing/questions.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, putQuestionsBody)
  return putQuestions(useDb(), id, caller, body)
})

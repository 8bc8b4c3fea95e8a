import { bookingAnswersBody } from '../../../../shared/schemas/bookings.ts'
import { idParams } from '../../../../shared/schemas/params.ts'
import { updateBookingAnswers } from '../../../domain/pricing/questions.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, bookingAnswersBody)
  return updateBookingAnswers(useDb(), id, caller.userId, body)
})

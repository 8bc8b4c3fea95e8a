import { idParams } from '../../../shared/schemas/params.ts'
import { loadBooking } from '../../domain/bookings/booking-dto.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return loadBooking(useDb(), id, caller.userId)
})

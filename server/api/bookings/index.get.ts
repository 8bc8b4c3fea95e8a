import { listBookingsQuery } from '../../../shared/schemas/bookings.ts'
import { listBookings } from '../../domain/bookings/booking-dto.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { page, pageSize } = queryValid(event, listBookingsQuery)
  return listBookings(useDb(), caller.userId, page, pageSize)
})

import { loadBooking } from '../../domain/bookings/booking-dto.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return loadBooking(useDb(), getRouterParam(event, 'id') ?? '', caller.userId)
})

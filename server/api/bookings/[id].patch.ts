import { idParams } from '../../../shared/schemas/params.ts'
import { changeSeatsBody } from '../../../shared/schemas/bookings.ts'
import { changeSeats } from '../../domain/bookings/change-seats.ts'
import { loadBooking } from '../../domain/bookings/booking-dto.ts'
import { requestIdOf } from '../../observability/request-id.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const { seatIds } = await readValid(event, changeSeatsBody)
  const changed = await changeSeats(useDb(), id, caller.userId, seatIds, requestIdOf(event))
  const booking = await loadBooking(useDb(), id, caller.userId)
  await announceAvailability(changed.eventId, [
    ...changed.freedPlaceIds.map(placeId => ({ placeId, status: 'AVAILABLE' as const })),
    ...booking.tickets.map(t => ({ placeId: t.placeId, status: 'BOOKED' as const })),
  ])
  if (changed.freedPlaceIds.length) await offerFreedPlaces(changed.eventId)
  return booking
})

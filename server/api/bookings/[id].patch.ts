import { changeSeatsBody } from '../../../shared/schemas/bookings.ts'
import { changeSeats } from '../../domain/bookings/change-seats.ts'
import { loadBooking } from '../../domain/bookings/booking-dto.ts'
import { isUuid } from '../../domain/holds/hold-dto.ts'
import { DomainError } from '../../domain/errors.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const id = getRouterParam(event, 'id') ?? ''
  if (!isUuid(id)) throw new DomainError('NOT_FOUND', 'There is no such booking.')
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

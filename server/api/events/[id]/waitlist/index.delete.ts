import { leaveWaitlist } from '../../../../domain/waitlist/entries.ts'
import { isUuid } from '../../../../domain/holds/hold-dto.ts'
import { DomainError } from '../../../../domain/errors.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const eventId = getRouterParam(event, 'id') ?? ''
  if (!isUuid(eventId)) throw new DomainError('NOT_FOUND', 'You are not on the waitlist for this event.')
  const { freedPlaceIds } = await leaveWaitlist(useDb(), caller.userId, eventId)
  if (freedPlaceIds.length) {
    await announceAvailability(eventId, freedPlaceIds.map(placeId => ({ placeId, status: 'AVAILABLE' as const })))
    await offerFreedPlaces(eventId)
  }
  setResponseStatus(event, 204)
  return null
})

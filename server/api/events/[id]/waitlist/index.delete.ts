import { idParams } from '../../../../../shared/schemas/params.ts'
import { leaveWaitlist } from '../../../../domain/waitlist/entries.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id: eventId } = readParams(event, idParams)
  const { freedPlaceIds } = await leaveWaitlist(useDb(), caller.userId, eventId)
  if (freedPlaceIds.length) {
    await announceAvailability(eventId, freedPlaceIds.map(placeId => ({ placeId, status: 'AVAILABLE' as const })))
    await offerFreedPlaces(eventId)
  }
  setResponseStatus(event, 204)
  return null
})

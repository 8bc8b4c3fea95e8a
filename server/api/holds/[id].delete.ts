import { idParams } from '../../../shared/schemas/params.ts'
import { releaseHold } from '../../domain/holds/hold-lifecycle.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const freed = await releaseHold(useDb(), id, caller.userId)
  if (freed) {
    await announceAvailability(freed.eventId, freed.placeIds.map(placeId => ({ placeId, status: 'AVAILABLE' as const })))
    await offerFreedPlaces(freed.eventId)
  }
  setResponseStatus(event, 204)
  return null
})

import { idParams } from '../../../../../shared/schemas/params.ts'
import { etagOf } from '../../../../cache/read-cache.ts'
import { getSeatAvailability } from '../../../../domain/events/seat-availability.ts'
import { getSeatGeometry } from '../../../../domain/events/seat-geometry.ts'

export default defineEventHandler((event) => {
  const { id } = readParams(event, idParams)
  return servePublicRead(event, {
    spec: availabilityRead(id),
    eventId: id,
    policy: LIVE_READ,
    backstage: async (caller) => {
      const geometry = await getSeatGeometry(useDb(), id, caller)
      return getSeatAvailability(useDb(), id, caller, etagOf(JSON.stringify(geometry)).slice(1, -1))
    },
  })
})

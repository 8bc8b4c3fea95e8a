import { idParams } from '../../../../shared/schemas/params.ts'
import { getSeatMap } from '../../../domain/events/seat-map.ts'

export default defineEventHandler((event) => {
  const { id } = readParams(event, idParams)
  return servePublicRead(event, { spec: seatMapRead(id), eventId: id, policy: LIVE_READ, backstage: caller => getSeatMap(useDb(), id, caller) })
})

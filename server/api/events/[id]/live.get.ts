// GET /api/events/:id/live: Server-Sent Events of the event's availability. The first message has
// the counts now; each later one follows a change anywhere (see server/utils/live-availability.ts).
import { idParams } from '../../../../shared/schemas/params.ts'
import { loadVisibleEvent } from '../../../domain/events/access.ts'
import { liveCounts } from '../../../domain/events/availability.ts'
import type { AvailabilityMessageDto } from '../../../../shared/types/live.ts'

const HEARTBEAT_MS = 20_000

export default defineEventHandler(async (event) => {
  const db = useDb()
  const { id } = readParams(event, idParams)
  const { id: eventId } = await loadVisibleEvent(db, id, await optionalUser(event))
  const first: AvailabilityMessageDto = { ...await liveCounts(db, eventId), changes: [] }
  let stop = () => {}
  const stream = openEventStream(event, { heartbeatMs: HEARTBEAT_MS, onClose: () => stop() })
  const push = (message: AvailabilityMessageDto) => void stream.push({ event: 'availability', data: JSON.stringify(message) })
  stop = followAvailability(eventId, push)
  push(first)
  return stream.send()
})

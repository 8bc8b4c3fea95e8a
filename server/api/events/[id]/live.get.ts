// GET /api/events/:id/live: Server-Sent Events of the event's availability. The first message has
// the counts now; each later one follows a change anywhere (see server/utils/live-availability.ts).
import { createEventStream } from 'h3'
import { loadVisibleEvent } from '../../../domain/events/access.ts'
import { liveCounts } from '../../../domain/events/availability.ts'
import type { AvailabilityMessageDto } from '../../../../shared/types/live.ts'

const HEARTBEAT_MS = 20_000

export default defineEventHandler(async (event) => {
  const db = useDb()
  const { id: eventId } = await loadVisibleEvent(db, getRouterParam(event, 'id') ?? '', await optionalUser(event))
  const first: AvailabilityMessageDto = { ...await liveCounts(db, eventId), changes: [] }

  const stream = createEventStream(event)
  const push = (message: AvailabilityMessageDto) => void stream.push({ event: 'availability', data: JSON.stringify(message) })
  const stop = followAvailability(eventId, push)
  // A comment line keeps proxies from closing an idle stream; h3's EventStream has no comment API,
  // and a whole line written between messages cannot split one.
  const heartbeat = setInterval(() => {
    if (!event.node.res.writableEnded) event.node.res.write(': heartbeat\n\n')
  }, HEARTBEAT_MS)
  stream.onClosed(() => {
    clearInterval(heartbeat)
    stop()
  })
  // h3 closes on the request's 'close'; the response's covers a socket that drops mid-stream.
  event.node.res.once('close', () => void stream.close())
  setResponseHeader(event, 'X-Accel-Buffering', 'no')
  push(first)
  return stream.send()
})

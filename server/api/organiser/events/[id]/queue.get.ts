// GET /api/organiser/events/:id/queue: the organiser's live view of the waiting room.
import { organiserQueueOverview } from '../../../../domain/queue/queue-overview.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const eventId = getRouterParam(event, 'id') ?? ''
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return organiserQueueOverview(useDb(), useRedis(), useWaitingRooms().get(eventId), eventId, caller)
})

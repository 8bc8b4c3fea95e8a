// GET /api/organiser/events/:id/queue: the organiser's live view of the waiting room.
import { idParams } from '../../../../../shared/schemas/params.ts'
import { organiserQueueOverview } from '../../../../domain/queue/queue-overview.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id: eventId } = readParams(event, idParams)
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return organiserQueueOverview(useDb(), useRedis(), useWaitingRooms().get(eventId), eventId, caller)
})

// GET /api/events/:id/queue/me: my place in the waiting room — Redis and memory only, no PostgreSQL.
import { myQueueStatus } from '../../../../domain/queue/queue-status.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const room = await waitingRoomOf(event)
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return myQueueStatus(queueDeps(), room, caller.userId)
})

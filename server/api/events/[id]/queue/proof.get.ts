// GET /api/events/:id/queue/proof: the commitment before the draw; the seed and drawn order after.
import { queueProof } from '../../../../domain/queue/queue-proof.ts'
import { isUuid } from '../../../../domain/events/access.ts'
import { noWaitingRoom } from '../../../../domain/queue/join-queue.ts'

export default defineEventHandler(async (event) => {
  const eventId = getRouterParam(event, 'id') ?? ''
  if (!isUuid(eventId)) throw noWaitingRoom()
  return queueProof(useDb(), eventId)
})

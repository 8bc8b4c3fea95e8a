// POST /api/events/:id/queue: join the event's waiting room (idempotent per account).
import { config } from '../../../../config/env.ts'
import { joinQueue } from '../../../../domain/queue/join-queue.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  await enforceRateLimit(event, 'queue-join-ip', clientAddress(event), config().queueJoinRateLimitPerIp)
  const room = await waitingRoomOf(event)
  return joinQueue(queueDeps(), room, caller.userId)
})

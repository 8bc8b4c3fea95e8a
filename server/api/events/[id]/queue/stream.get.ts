// GET /api/events/:id/queue/stream: Server-Sent Events of my place in the waiting room. The first
// `status` message is read from Redis; later ones are computed in memory from the admitter's
// progress announcements (server/utils/queue-live.ts).
import { myQueueStatus } from '../../../../domain/queue/queue-status.ts'

const HEARTBEAT_MS = 20_000

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const room = await waitingRoomOf(event)
  const first = await myQueueStatus(queueDeps(), room, caller.userId)
  let stop = () => {}
  const stream = openEventStream(event, { heartbeatMs: HEARTBEAT_MS, onClose: () => stop() })
  const watcher: QueueWatcher = {
    userId: caller.userId,
    position: first.position,
    waiting: first.position === null ? (first.preQueue ? 'PRE' : 'LATE') : null,
    admittedAt: first.admittedUntil ? Date.parse(first.admittedUntil) - room!.holdMinutes * 60_000 : null,
    send: status => void stream.push({ event: 'status', data: JSON.stringify(status) }),
  }
  stop = watchQueue(first.eventId, watcher)
  sendIfChanged(watcher, first)
  return stream.send()
})

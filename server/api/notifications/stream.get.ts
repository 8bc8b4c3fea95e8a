// GET /api/notifications/stream: Server-Sent Events of the caller's new notifications, pushed by
// the notifications worker through Redis (see server/utils/live-notifications.ts).
import type { NotificationDto } from '../../../shared/types/notification.ts'

const HEARTBEAT_MS = 25_000

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  let stop = () => {}
  const stream = openEventStream(event, { heartbeatMs: HEARTBEAT_MS, onClose: () => stop() })
  const push = (notification: NotificationDto) => void stream.push({ event: 'notification', id: notification.id, data: JSON.stringify(notification) })
  stop = await followNotifications(caller.userId, push)
  if (event.node.res.writableEnded) stop() // the client left while we subscribed
  // Tells the client the stream is live: anything stored from now on will be pushed.
  void stream.push({ event: 'ready', data: '{}' })
  return stream.send()
})

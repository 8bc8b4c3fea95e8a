// GET /api/notifications/stream: Server-Sent Events of the caller's new notifications, pushed by
// the notifications worker through Redis (see server/utils/live-notifications.ts).
import { createEventStream } from 'h3'
import type { NotificationDto } from '../../../shared/types/notification.ts'

const HEARTBEAT_MS = 25_000

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const stream = createEventStream(event)
  const push = (notification: NotificationDto) => void stream.push({ event: 'notification', id: notification.id, data: JSON.stringify(notification) })
  const stop = await followNotifications(caller.userId, push)
  // A comment line keeps proxies from closing an idle stream (h3's EventStream has no comment API).
  const heartbeat = setInterval(() => {
    if (!event.node.res.writableEnded) event.node.res.write(': heartbeat\n\n')
  }, HEARTBEAT_MS)
  stream.onClosed(() => {
    clearInterval(heartbeat)
    stop()
  })
  event.node.res.once('close', () => void stream.close())
  setResponseHeader(event, 'X-Accel-Buffering', 'no')
  // Tells the client the stream is live: anything stored from now on will be pushed.
  void stream.push({ event: 'ready', data: '{}' })
  return stream.send()
})

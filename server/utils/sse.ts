// One way to open a Server-Sent Events stream: h3's EventStream plus what every stream here needs —
// a heartbeat comment so proxies keep an idle stream open, cleanup when either side goes away, and
// no proxy buffering. (Graceful shutdown ends open streams itself: server/plugins/graceful-shutdown.ts.)
import { createEventStream, setResponseHeader, type H3Event } from 'h3'

export function openEventStream(event: H3Event, options: { heartbeatMs: number, onClose: () => void }) {
  const stream = createEventStream(event)
  // h3's EventStream has no comment API; a whole line written between messages cannot split one.
  const heartbeat = setInterval(() => {
    if (!event.node.res.writableEnded) event.node.res.write(': heartbeat\n\n')
  }, options.heartbeatMs)
  stream.onClosed(() => {
    clearInterval(heartbeat)
    options.onClose()
  })
  // h3 closes on the request's 'close'; the response's covers a socket that drops mid-stream.
  event.node.res.once('close', () => void stream.close())
  setResponseHeader(event, 'X-Accel-Buffering', 'no')
  return stream
}

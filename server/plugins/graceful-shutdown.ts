// Graceful shutdown of the web process. Nitro's node server already handles SIGTERM
// (NITRO_SHUTDOWN_TIMEOUT, default 30 s; the Docker image sets 20 s): it stops accepting
// connections, lets in-flight requests finish, then calls the 'close' hook and exits 0. An SSE
// stream never finishes by itself, so it would hold shutdown until the timeout and then be cut;
// here every open stream is ended cleanly the moment the signal arrives (EventSource clients
// reconnect to another instance), and the 'close' hook ends the database and Redis connections.
import type { ServerResponse } from 'node:http'
import { useLogger } from '../observability/logger.ts'
import { closeAfterCommit } from '../utils/after-commit.ts'
import { closeWebhookQueue } from '../utils/webhooks.ts'
import { closeRedis } from '../utils/redis.ts'

const SIGNALS = (process.env.NITRO_SHUTDOWN_SIGNALS || 'SIGTERM SIGINT').split(' ').filter(Boolean)

function isEventStream(res: ServerResponse): boolean {
  return String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')
}

export default defineNitroPlugin((nitroApp) => {
  if (import.meta.dev || process.env.NITRO_SHUTDOWN_DISABLED) return
  const open = new Set<ServerResponse>()
  let stopping = false

  nitroApp.hooks.hook('request', (event) => {
    const res = event.node.res
    open.add(res)
    res.once('close', () => open.delete(res))
  })

  const endStreams = () => {
    if (stopping) return
    stopping = true
    let ended = 0
    for (const res of open) {
      if (!isEventStream(res) || res.writableEnded) continue
      // A retry hint, then a clean end of the stream: the browser reconnects after 1 s.
      res.end('retry: 1000\n\n')
      ended++
    }
    useLogger().info({ signal: 'shutdown', streamsEnded: ended, inFlight: open.size - ended }, 'shutting down: draining requests')
  }
  for (const signal of SIGNALS) process.once(signal, endStreams)

  nitroApp.hooks.hook('close', async () => {
    await closeAfterCommit() // its BullMQ queue first: it rides on a connection closeRedis ends
    await closeWebhookQueue()
    await Promise.allSettled([useDb().$disconnect(), closeRedis()])
    useLogger().info('shut down')
  })
})

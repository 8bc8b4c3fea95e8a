// The web process's Redis connections. Commands fail fast while Redis is down
// (enableOfflineQueue: false) so a request never hangs on it: Redis holds nothing that a booking
// depends on (invariant 2).
import { Redis } from 'ioredis'
import { config } from '../config/env.ts'

let client: Redis | undefined

export function useRedis(): Redis {
  if (client) return client
  client = new Redis(config().redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, lazyConnect: false })
  // Once per connection: a listener added per call piled up (MaxListenersExceededWarning in a rush).
  client.on('error', () => { /* reconnects by itself; callers see their command fail */ })
  return client
}

/** A separate connection for BullMQ producers (BullMQ wants maxRetriesPerRequest: null). */
let bullConnection: Redis | undefined
export function useBullConnection(): Redis {
  if (bullConnection) return bullConnection
  bullConnection = new Redis(config().redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: null, connectTimeout: 2_000 })
  bullConnection.on('error', () => {})
  return bullConnection
}

/** Waits briefly for a connecting client (a fresh process's first request); false if Redis stays down. */
export async function redisReady(redis: Redis, timeoutMs = 300): Promise<boolean> {
  if (redis.status === 'ready') return true
  if (redis.status === 'end') return false
  return new Promise((resolve) => {
    const timer = setTimeout(() => { redis.off('ready', onReady); resolve(false) }, timeoutMs)
    const onReady = () => { clearTimeout(timer); resolve(true) }
    redis.once('ready', onReady)
  })
}

/** Closes the web process's command and BullMQ connections (on shutdown). */
export async function closeRedis(): Promise<void> {
  const clients = [client, bullConnection].filter((c): c is Redis => c !== undefined)
  client = undefined
  bullConnection = undefined
  await Promise.all(clients.map(c => c.quit().catch(() => c.disconnect())))
}

// This web process's one Redis subscriber connection (server/messaging/pubsub-bus.ts): live seat
// maps, live notifications, disabled accounts, search snapshots and the read cache listen through it.
import { Redis } from 'ioredis'
import { config } from '../config/env.ts'
import { PubSubBus } from '../messaging/pubsub-bus.ts'
import { useLogger } from '../observability/logger.ts'

let bus: PubSubBus | undefined

export function usePubSub(): PubSubBus {
  bus ??= new PubSubBus(() => new Redis(config().redisUrl, { maxRetriesPerRequest: null }), useLogger())
  return bus
}

export async function closePubSub(): Promise<void> {
  const closing = bus
  bus = undefined
  await closing?.close()
}

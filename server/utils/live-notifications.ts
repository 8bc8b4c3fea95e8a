// Live notifications for one web process: one shared Redis subscriber on NOTIFICATIONS_CHANNEL and
// a per-user fan-out to that user's open streams (never one Redis connection per client).
import { Redis } from 'ioredis'
import { config } from '../config/env.ts'
import { useLogger } from '../observability/logger.ts'
import { NOTIFICATIONS_CHANNEL } from '../messaging/names.ts'
import { parseStreamMessage } from '../domain/notifications/live-push.ts'
import type { NotificationDto } from '../../shared/types/notification.ts'

type NotificationListener = (notification: NotificationDto) => void

const listenersByUser = new Map<string, Set<NotificationListener>>()
let subscriber: Redis | undefined
let subscribed: Promise<unknown> | undefined

function warn(msg: string, err: unknown) {
  useLogger().warn({ err: (err as Error)?.message }, msg)
}

function heard(raw: string): void {
  const message = parseStreamMessage(raw)
  if (!message) return
  for (const listener of listenersByUser.get(message.userId) ?? []) listener(message.notification)
}

function ensureSubscriber(): void {
  if (subscriber) return
  subscriber = new Redis(config().redisUrl, { maxRetriesPerRequest: null })
  let down = false
  subscriber.on('error', (err) => {
    if (!down) warn('live notifications: Redis unavailable, streams stay open without pushes', err)
    down = true
  })
  subscriber.on('ready', () => { down = false })
  subscriber.on('message', (channel: string, raw: string) => {
    if (channel === NOTIFICATIONS_CHANNEL) heard(raw)
  })
  subscribed = subscriber.subscribe(NOTIFICATIONS_CHANNEL).catch(err => warn('live notifications subscribe failed', err))
}

/** Waits for the first subscription, but never longer than `ms`: a Redis outage must not hold a stream. */
function subscription(ms = 2_000): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined
  return Promise.race([subscribed, new Promise(resolve => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer))
}

/** Resolves once the shared subscriber listens, so a stream opened now misses nothing published after. */
export async function followNotifications(userId: string, listener: NotificationListener): Promise<() => void> {
  ensureSubscriber()
  let listeners = listenersByUser.get(userId)
  if (!listeners) listenersByUser.set(userId, (listeners = new Set()))
  listeners.add(listener)
  const stop = () => {
    listeners.delete(listener)
    if (listeners.size === 0 && listenersByUser.get(userId) === listeners) listenersByUser.delete(userId)
  }
  await subscription()
  return stop
}

export async function closeLiveNotifications(): Promise<void> {
  listenersByUser.clear()
  const closing = subscriber
  subscriber = undefined
  subscribed = undefined
  await closing?.quit().catch(() => closing.disconnect())
}

// Live notifications for one web process: the notifications worker announces each stored
// notification on the pub/sub bus, and this fans it out to that user's open streams here (never one
// Redis connection per client).
import { TOPICS, type NotificationStreamMessage } from '../messaging/pubsub.ts'
import type { NotificationDto } from '../../shared/types/notification.ts'
import { usePubSub } from './pubsub.ts'

type NotificationListener = (notification: NotificationDto) => void

const listenersByUser = new Map<string, Set<NotificationListener>>()
let listening: (() => void) | undefined

function heard(message: NotificationStreamMessage): void {
  for (const listener of listenersByUser.get(message.userId) ?? []) listener(message.notification as NotificationDto)
}

/** Resolves once the bus listens (or after 2 s of Redis outage), so a stream opened now misses nothing published after. */
export async function followNotifications(userId: string, listener: NotificationListener): Promise<() => void> {
  const bus = usePubSub()
  listening ??= bus.on(TOPICS.notifications, heard)
  let listeners = listenersByUser.get(userId)
  if (!listeners) listenersByUser.set(userId, (listeners = new Set()))
  listeners.add(listener)
  const stop = () => {
    listeners.delete(listener)
    if (listeners.size === 0 && listenersByUser.get(userId) === listeners) listenersByUser.delete(userId)
  }
  await bus.subscribed(TOPICS.notifications)
  return stop
}

export function closeLiveNotifications(): void {
  listenersByUser.clear()
  listening?.()
  listening = undefined
}

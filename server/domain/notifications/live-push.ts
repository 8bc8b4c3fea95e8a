// Announces a stored notification on Redis; every web instance pushes it to that user's open streams.
import type { Redis } from 'ioredis'
import { NOTIFICATIONS_CHANNEL } from '../../messaging/names.ts'
import type { NotificationStreamMessage } from '../../../shared/types/notification.ts'

export function notificationPublisher(redis: Pick<Redis, 'publish'>): (message: NotificationStreamMessage) => Promise<void> {
  return async (message) => {
    await redis.publish(NOTIFICATIONS_CHANNEL, JSON.stringify(message))
  }
}

export function parseStreamMessage(raw: string): NotificationStreamMessage | undefined {
  try {
    const data = JSON.parse(raw) as Partial<NotificationStreamMessage>
    if (typeof data.userId !== 'string' || typeof data.notification?.id !== 'string') return undefined
    return data as NotificationStreamMessage
  } catch {
    return undefined
  }
}

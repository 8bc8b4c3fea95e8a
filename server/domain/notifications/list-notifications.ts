// The caller's notifications, newest first, and marking one read; another user's is "not found".
import type { Db } from '../../db/client.ts'
import type { NotificationDto } from '../../../shared/types/notification.ts'
import type { ListNotificationsQuery } from '../../../shared/schemas/notifications.ts'
import { DomainError } from '../errors.ts'
import { toNotificationDto } from './notification-dto.ts'

export async function listNotifications(db: Db, userId: string, query: ListNotificationsQuery) {
  const where = { userId, ...(query.unread ? { readAt: null } : {}) }
  const [total, rows] = await Promise.all([
    db.notification.count({ where }),
    db.notification.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
  ])
  return { items: rows.map(toNotificationDto), page: query.page, pageSize: query.pageSize, total }
}

/** Marks the caller's notification read (once: a second call keeps the first time). */
export async function markNotificationRead(db: Db, userId: string, id: string, now = new Date()): Promise<NotificationDto> {
  const found = /^[0-9a-f-]{36}$/i.test(id) ? await db.notification.findFirst({ where: { id, userId } }) : null
  if (!found) throw new DomainError('NOT_FOUND', 'There is no such notification.')
  if (found.readAt) return toNotificationDto(found)
  await db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } })
  return toNotificationDto(await db.notification.findUniqueOrThrow({ where: { id } }))
}

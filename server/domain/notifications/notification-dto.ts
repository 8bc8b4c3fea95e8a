import type { NotificationDto } from '../../../shared/types/notification.ts'

interface NotificationRow {
  id: string
  kind: string
  title: string
  body: string
  link: string | null
  data: unknown
  readAt: Date | null
  createdAt: Date
}

/** Book-keeping kept in `data` (e-mail state, event snapshot) stays on the server. */
const PRIVATE_DATA_KEYS = new Set(['eventState'])

export function toNotificationDto(row: NotificationRow): NotificationDto {
  const data = row.data && typeof row.data === 'object' && !Array.isArray(row.data) ? row.data as Record<string, unknown> : {}
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    link: row.link,
    data: Object.fromEntries(Object.entries(data).filter(([key]) => !PRIVATE_DATA_KEYS.has(key))),
    readAt: row.readAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  }
}

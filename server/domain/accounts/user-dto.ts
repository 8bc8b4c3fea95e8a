import { notificationPrefs as prefsSchema, type NotificationPrefs } from '../../../shared/schemas/auth.ts'
import type { UserDto } from '../../../shared/types/user.ts'

const DEFAULT_PREFS: NotificationPrefs = { email: true, inApp: true, reminders: true }

interface UserRow {
  id: string
  email: string
  name: string
  role: 'USER' | 'ADMIN'
  locale: string
  notificationPrefs: unknown
  createdAt: Date
}

export function readPrefs(raw: unknown): NotificationPrefs {
  const parsed = prefsSchema.partial().safeParse(raw)
  return { ...DEFAULT_PREFS, ...(parsed.success ? parsed.data : {}) }
}

export function toUserDto(user: UserRow): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    locale: user.locale,
    notificationPrefs: readPrefs(user.notificationPrefs),
    createdAt: user.createdAt.toISOString(),
  }
}

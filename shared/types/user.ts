import type { NotificationPrefs } from '../schemas/auth'

type UserRole = 'USER' | 'ADMIN'

/** The user as the API shows it; never the database row. */
export interface UserDto {
  id: string
  email: string
  name: string
  role: UserRole
  locale: string
  notificationPrefs: NotificationPrefs
  createdAt: string
}

/** GET /api/me: the user and what only they may see. */
export interface MeDto extends UserDto {
  /** Their private calendar feed (iCalendar); DELETE /api/me/calendar-feed replaces it. */
  calendarFeedUrl: string
}

export interface AuthResponse {
  user: UserDto
  accessToken: string
}

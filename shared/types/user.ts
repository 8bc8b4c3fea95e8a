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

export interface AuthResponse {
  user: UserDto
  accessToken: string
}

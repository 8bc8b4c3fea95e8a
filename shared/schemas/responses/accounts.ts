import { z } from 'zod'
import { instant, uuid } from './common'

export const userResponse = z.strictObject({
  id: uuid,
  email: z.string(),
  name: z.string(),
  role: z.enum(['USER', 'ADMIN']),
  locale: z.string(),
  notificationPrefs: z.strictObject({ email: z.boolean(), inApp: z.boolean(), reminders: z.boolean() }),
  createdAt: instant,
}).meta({ id: 'User' })

export const meResponse = userResponse.extend({
  calendarFeedUrl: z.string().meta({ description: 'The private iCalendar feed of the caller\'s bookings.' }),
}).meta({ id: 'Me' })

const refreshToken = z.string().optional().meta({ description: 'Only to clients that send no Origin (not browsers, which get it as an httpOnly cookie).' })

export const authResponse = z.strictObject({ user: userResponse, accessToken: z.string(), refreshToken }).meta({ id: 'AuthResponse' })

export const refreshResponse = z.strictObject({ accessToken: z.string(), refreshToken })

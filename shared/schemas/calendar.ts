import { z } from 'zod'

/** GET /api/calendar/me.ics?token=: the private feed's token, from GET /api/me's calendarFeedUrl. */
export const calendarFeedQuery = z.object({ token: z.string().min(1).max(200) })

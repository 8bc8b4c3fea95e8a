// Revokes the private calendar feed's link (shared by mistake, a lost device) and answers the new one.
import { renewCalendarFeed } from '../../domain/calendar/calendar-feeds.ts'
import { config } from '../../config/env.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return renewCalendarFeed(useDb(), caller.userId, config().appUrl, config().authSecret)
})

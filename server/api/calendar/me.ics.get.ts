// The private calendar feed: no session (calendar apps cannot sign in), the token in the URL instead.
import { calendarFeedQuery } from '../../../shared/schemas/calendar.ts'
import { bookingsFeed } from '../../domain/calendar/calendar-feeds.ts'
import { config } from '../../config/env.ts'

export default defineEventHandler(async (event) => {
  const { token } = queryValid(event, calendarFeedQuery)
  const ics = await bookingsFeed(useDb(), config().authSecret, token, config().appUrl)
  return sendIcs(event, ics, { cacheControl: 'private, no-cache' })
})

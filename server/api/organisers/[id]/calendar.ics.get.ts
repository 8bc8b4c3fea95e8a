import { idParams } from '../../../../shared/schemas/params.ts'
import { organiserFeed } from '../../../domain/calendar/calendar-feeds.ts'
import { config } from '../../../config/env.ts'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParams)
  const ics = await organiserFeed(useDb(), id, config().appUrl)
  // Public, and polled by calendar apps every few hours: a few minutes of caching costs nobody anything.
  return sendIcs(event, ics, { cacheControl: 'public, max-age=300' })
})

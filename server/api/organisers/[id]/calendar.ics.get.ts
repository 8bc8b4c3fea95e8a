import { idParams } from '../../../../shared/schemas/params.ts'
import { organiserFeed } from '../../../domain/calendar/calendar-feeds.ts'
import { config } from '../../../config/env.ts'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParams)
  const ics = await organiserFeed(useDb(), id, config().appUrl)
  setResponseHeader(event, 'Content-Type', 'text/calendar; charset=utf-8')
  // Public, and polled by calendar apps every few hours: a few minutes of caching costs nobody anything.
  setResponseHeader(event, 'Cache-Control', 'public, max-age=300')
  return ics
})

import { idParams } from '../../../../shared/schemas/params.ts'
import { eventCalendar } from '../../../domain/events/event-calendar.ts'
import { config } from '../../../config/env.ts'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParams)
  const ics = await eventCalendar(useDb(), id, await optionalUser(event), config().appUrl)
  setResponseHeader(event, 'Content-Type', 'text/calendar; charset=utf-8')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="bookify-event-${id}.ics"`)
  setResponseHeader(event, 'Cache-Control', 'private, no-cache')
  return ics
})

import { idParams } from '../../../../shared/schemas/params.ts'
import { eventCalendar } from '../../../domain/events/event-calendar.ts'
import { config } from '../../../config/env.ts'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParams)
  const ics = await eventCalendar(useDb(), id, await optionalUser(event), config().appUrl)
  return sendIcs(event, ics, { cacheControl: 'private, no-cache', fileName: `bookify-event-${id}.ics` })
})

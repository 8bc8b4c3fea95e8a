import { organiserEventsQuery } from '../../../shared/schemas/events.ts'
import { listOrganiserEvents } from '../../domain/events/organiser-events.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const query = queryValid(event, organiserEventsQuery)
  return listOrganiserEvents(useDb(), caller.userId, query)
})

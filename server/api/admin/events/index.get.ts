import { adminEventsQuery } from '../../../../shared/schemas/organising.ts'
import { listAllEvents } from '../../../domain/organising/admin.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return listAllEvents(useDb(), caller, queryValid(event, adminEventsQuery))
})

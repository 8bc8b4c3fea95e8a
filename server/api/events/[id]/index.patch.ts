import { updateEventBody } from '../../../../shared/schemas/events.ts'
import { updateEvent } from '../../../domain/events/update-event.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const body = await readValid(event, updateEventBody)
  return updateEvent(useDb(), getRouterParam(event, 'id')!, caller, body, useAfterCommit())
})

import { idParams } from '../../../../shared/schemas/params.ts'
import { updateEventBody } from '../../../../shared/schemas/events.ts'
import { updateEvent } from '../../../domain/events/update-event.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, updateEventBody)
  return updateEvent(useDb(), id, caller, body, useAfterCommit())
})

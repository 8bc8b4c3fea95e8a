import { idParams } from '../../../../shared/schemas/params.ts'
import { cancelEvent } from '../../../domain/events/cancel-event.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return cancelEvent(useDb(), useAfterCommit(), id, caller)
})

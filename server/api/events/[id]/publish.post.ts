import { idParams } from '../../../../shared/schemas/params.ts'
import { publishEvent } from '../../../domain/events/publish-event.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return publishEvent(useDb(), id, caller, new Date(), useAfterCommit())
})

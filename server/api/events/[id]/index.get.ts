import { idParams } from '../../../../shared/schemas/params.ts'
import { getEvent } from '../../../domain/events/event-detail.ts'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParams)
  return getEvent(useDb(), id, await optionalUser(event))
})

import { idParams } from '../../../../../shared/schemas/params.ts'
import { waitlistStatus } from '../../../../domain/waitlist/entries.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id: eventId } = readParams(event, idParams)
  return waitlistStatus(useDb(), caller.userId, eventId)
})

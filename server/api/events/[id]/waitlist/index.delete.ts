import { idParams } from '../../../../../shared/schemas/params.ts'
import { leaveWaitlist } from '../../../../domain/waitlist/entries.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id: eventId } = readParams(event, idParams)
  await leaveWaitlist(useDb(), useAfterCommit(), caller.userId, eventId)
  setResponseStatus(event, 204)
  return null
})

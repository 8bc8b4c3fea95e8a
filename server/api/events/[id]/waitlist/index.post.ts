import { idParams } from '../../../../../shared/schemas/params.ts'
import { joinWaitlistBody } from '../../../../../shared/schemas/holds.ts'
import { joinWaitlist } from '../../../../domain/waitlist/entries.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id: eventId } = readParams(event, idParams)
  const body = await readValid(event, joinWaitlistBody)
  const status = await joinWaitlist(useDb(), useAfterCommit(), caller.userId, eventId, body.quantity, body.sectionId)
  setResponseStatus(event, 201)
  return status
})

import { leaveWaitlist } from '../../../../domain/waitlist/entries.ts'
import { isUuid } from '../../../../domain/holds/hold-dto.ts'
import { DomainError } from '../../../../domain/errors.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const eventId = getRouterParam(event, 'id') ?? ''
  if (!isUuid(eventId)) throw new DomainError('NOT_FOUND', 'You are not on the waitlist for this event.')
  await leaveWaitlist(useDb(), useAfterCommit(), caller.userId, eventId)
  setResponseStatus(event, 204)
  return null
})

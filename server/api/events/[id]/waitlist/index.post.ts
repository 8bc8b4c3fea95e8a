import { joinWaitlistBody } from '../../../../../shared/schemas/holds.ts'
import { joinWaitlist } from '../../../../domain/waitlist/entries.ts'
import { isUuid } from '../../../../domain/holds/hold-dto.ts'
import { DomainError } from '../../../../domain/errors.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const eventId = getRouterParam(event, 'id') ?? ''
  if (!isUuid(eventId)) throw new DomainError('NOT_FOUND', 'There is no such event.')
  const body = await readValid(event, joinWaitlistBody)
  const status = await joinWaitlist(useDb(), useAfterCommit(), caller.userId, eventId, body.quantity, body.sectionId)
  setResponseStatus(event, 201)
  return status
})

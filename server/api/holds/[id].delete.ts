import { releaseHold } from '../../domain/holds/hold-lifecycle.ts'
import { isUuid } from '../../domain/holds/hold-dto.ts'
import { DomainError } from '../../domain/errors.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const id = getRouterParam(event, 'id') ?? ''
  if (!isUuid(id)) throw new DomainError('NOT_FOUND', 'There is no such hold.')
  await releaseHold(useDb(), useAfterCommit(), id, caller.userId)
  setResponseStatus(event, 204)
  return null
})

import { changeSeatsBody } from '../../../shared/schemas/bookings.ts'
import { changeSeats } from '../../domain/bookings/change-seats.ts'
import { isUuid } from '../../domain/holds/hold-dto.ts'
import { DomainError } from '../../domain/errors.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const id = getRouterParam(event, 'id') ?? ''
  if (!isUuid(id)) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  const { seatIds } = await readValid(event, changeSeatsBody)
  return changeSeats(useDb(), useAfterCommit(), id, caller.userId, seatIds, requestIdOf(event))
})

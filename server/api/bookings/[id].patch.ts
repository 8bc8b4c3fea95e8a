import { idParams } from '../../../shared/schemas/params.ts'
import { changeSeatsBody } from '../../../shared/schemas/bookings.ts'
import { changeSeats } from '../../domain/bookings/change-seats.ts'
import { requestIdOf } from '../../observability/request-id.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const { seatIds } = await readValid(event, changeSeatsBody)
  return changeSeats(useDb(), useAfterCommit(), id, caller.userId, seatIds, requestIdOf(event))
})

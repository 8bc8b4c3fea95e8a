import { idParams } from '../../../../shared/schemas/params.ts'
import { getSeatMap } from '../../../domain/events/seat-map.ts'

export default defineEventHandler(async (event) => {
  const { id } = readParams(event, idParams)
  return getSeatMap(useDb(), id, await optionalUser(event))
})

import { getSeatMap } from '../../../domain/events/seat-map.ts'

export default defineEventHandler(async (event) => {
  return getSeatMap(useDb(), getRouterParam(event, 'id')!, await optionalUser(event))
})

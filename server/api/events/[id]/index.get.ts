import { getEvent } from '../../../domain/events/event-detail.ts'

export default defineEventHandler(async (event) => {
  return getEvent(useDb(), getRouterParam(event, 'id')!, await optionalUser(event))
})

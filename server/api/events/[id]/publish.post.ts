import { publishEvent } from '../../../domain/events/publish-event.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return publishEvent(useDb(), getRouterParam(event, 'id')!, caller)
})

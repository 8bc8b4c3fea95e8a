import { cancelEvent } from '../../../domain/events/cancel-event.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return cancelEvent(useDb(), useAfterCommit(), getRouterParam(event, 'id')!, caller)
})

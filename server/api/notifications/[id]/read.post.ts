import { markNotificationRead } from '../../../domain/notifications/list-notifications.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return markNotificationRead(useDb(), caller.userId, getRouterParam(event, 'id') ?? '')
})

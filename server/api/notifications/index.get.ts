import { listNotificationsQuery } from '../../../shared/schemas/notifications.ts'
import { listNotifications } from '../../domain/notifications/list-notifications.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return listNotifications(useDb(), caller.userId, queryValid(event, listNotificationsQuery))
})

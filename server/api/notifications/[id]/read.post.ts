import { idParams } from '../../../../shared/schemas/params.ts'
import { markNotificationRead } from '../../../domain/notifications/list-notifications.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return markNotificationRead(useDb(), caller.userId, id)
})

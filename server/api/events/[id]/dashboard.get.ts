import { idParams } from '../../../../shared/schemas/params.ts'
import { eventDashboard } from '../../../domain/organising/dashboard.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return eventDashboard(useDb(), id, caller)
})

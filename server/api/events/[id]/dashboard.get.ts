import { eventDashboard } from '../../../domain/organising/dashboard.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return eventDashboard(useDb(), getRouterParam(event, 'id')!, caller)
})

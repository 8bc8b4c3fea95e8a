import { listTeam } from '../../../../domain/organising/staff.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return listTeam(useDb(), getRouterParam(event, 'id')!, caller)
})

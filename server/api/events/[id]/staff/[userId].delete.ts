import { removeStaff } from '../../../../domain/organising/staff.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  await removeStaff(useDb(), getRouterParam(event, 'id')!, caller, getRouterParam(event, 'userId')!)
  setResponseStatus(event, 204)
  return null
})

import { setUserDisabled } from '../../../../domain/organising/admin.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const user = await setUserDisabled(useDb(), caller, getRouterParam(event, 'id')!, false)
  await announceAccountStatus(user.id, user.disabledAt)
  return user
})

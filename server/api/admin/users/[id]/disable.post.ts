import { setUserDisabled } from '../../../../domain/organising/admin.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return setUserDisabled(useDb(), useAfterCommit(), caller, getRouterParam(event, 'id')!, true)
})

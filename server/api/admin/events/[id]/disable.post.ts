import { setEventDisabled } from '../../../../domain/organising/admin.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  return setEventDisabled(useDb(), caller, getRouterParam(event, 'id')!, true)
})

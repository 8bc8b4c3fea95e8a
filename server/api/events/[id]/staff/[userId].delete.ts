import { staffMemberParams } from '../../../../../shared/schemas/params.ts'
import { removeStaff } from '../../../../domain/organising/staff.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id, userId } = readParams(event, staffMemberParams)
  await removeStaff(useDb(), id, caller, userId, useAfterCommit())
  setResponseStatus(event, 204)
  return null
})

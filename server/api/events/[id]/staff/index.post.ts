import { idParams } from '../../../../../shared/schemas/params.ts'
import { addStaffBody } from '../../../../../shared/schemas/organising.ts'
import { addStaff } from '../../../../domain/organising/staff.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const body = await readValid(event, addStaffBody)
  const member = await addStaff(useDb(), id, caller, body, useAfterCommit())
  setResponseStatus(event, 201)
  return member
})

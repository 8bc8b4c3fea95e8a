import { idParams } from '../../../../../shared/schemas/params.ts'
import { setUserDisabled } from '../../../../domain/organising/admin.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  const user = await setUserDisabled(useDb(), caller, id, false)
  await announceAccountStatus(user.id, user.disabledAt)
  return user
})

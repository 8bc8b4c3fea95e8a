import { idParams } from '../../../../../shared/schemas/params.ts'
import { listInvitations } from '../../../../domain/organising/invitations.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id } = readParams(event, idParams)
  return listInvitations(useDb(), id, caller)
})

import { invitationParams } from '../../../../../shared/schemas/params.ts'
import { revokeInvitation } from '../../../../domain/organising/invitations.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { id, invitationId } = readParams(event, invitationParams)
  await revokeInvitation(useDb(), id, caller, invitationId)
  setResponseStatus(event, 204)
  return null
})

import { invitationTokenBody } from '../../../shared/schemas/organising.ts'
import { acceptInvitation } from '../../domain/organising/accept-invitation.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const { token } = await readValid(event, invitationTokenBody)
  return acceptInvitation(useDb(), token, caller, useAfterCommit())
})

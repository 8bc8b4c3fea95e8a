import { invitationTokenBody } from '../../../shared/schemas/organising.ts'
import { previewInvitation } from '../../domain/organising/accept-invitation.ts'

// No sign-in needed: the token from the e-mail is the credential. A POST body keeps it out of URLs.
export default defineEventHandler(async (event) => {
  const { token } = await readValid(event, invitationTokenBody)
  return previewInvitation(useDb(), token)
})

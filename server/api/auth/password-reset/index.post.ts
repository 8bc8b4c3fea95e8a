import { passwordResetBody } from '../../../../shared/schemas/auth.ts'
import { requestPasswordReset } from '../../../domain/accounts/password-reset.ts'

// One fixed answer, whether or not the address has an account.
const ACCEPTED = { message: 'If an account uses this address, we have e-mailed it a link to choose a new password. The link works once, for an hour.' }

export default defineEventHandler(async (event) => {
  await limitPasswordResetByAddress(event)
  const body = await readValid(event, passwordResetBody)
  await limitPasswordResetByAccount(event, body.email)
  await requestPasswordReset(useDb(), body.email, requestOrigin(event))
  setResponseStatus(event, 202)
  return ACCEPTED
})

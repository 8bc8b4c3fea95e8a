import { passwordResetConfirmBody } from '../../../../shared/schemas/auth.ts'
import { config } from '../../../config/env.ts'
import { confirmPasswordReset } from '../../../domain/accounts/password-reset.ts'

export default defineEventHandler(async (event) => {
  await limitPasswordResetByAddress(event)
  const body = await readValid(event, passwordResetConfirmBody)
  await confirmPasswordReset(useDb(), body, requestOrigin(event), { passwordHashCost: config().passwordHashCost })
  return { message: 'Your password is changed, and you are signed out everywhere. Sign in with the new password.' }
})

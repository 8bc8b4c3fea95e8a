import { registerBody } from '../../../shared/schemas/auth.ts'
import { register } from '../../domain/accounts/sessions.ts'

export default defineEventHandler(async (event) => {
  await limitRegistrationByAddress(event)
  const body = await readValid(event, registerBody)
  const session = await register(sessionContext(event), body)
  setAuthCookies(event, session)
  setResponseStatus(event, 201)
  return authResponse(event, session)
})

import { loginBody } from '../../../shared/schemas/auth.ts'
import { login } from '../../domain/accounts/sessions.ts'

export default defineEventHandler(async (event) => {
  await limitLoginByAddress(event)
  const body = await readValid(event, loginBody)
  await limitLoginByAccount(event, body.email)
  const session = await login(sessionContext(event), body)
  setAuthCookies(event, session)
  return authResponse(event, session)
})

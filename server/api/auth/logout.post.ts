import { refreshBody } from '../../../shared/schemas/auth.ts'
import { logout } from '../../domain/accounts/sessions.ts'

export default defineEventHandler(async (event) => {
  const body = await readValid(event, refreshBody)
  const caller = await optionalUser(event).catch(() => undefined)
  try {
    await logout(useDb(), refreshTokenFrom(event, body), caller?.familyId, requestOrigin(event))
  } finally {
    clearAuthCookies(event)
  }
  setResponseStatus(event, 204)
  return null
})

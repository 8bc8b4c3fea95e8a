import { refreshBody } from '../../../shared/schemas/auth.ts'
import { refresh } from '../../domain/accounts/sessions.ts'
import { DomainError } from '../../domain/errors.ts'

export default defineEventHandler(async (event) => {
  const body = await readValid(event, refreshBody)
  const presented = refreshTokenFrom(event, body)
  if (!presented) throw new DomainError('REFRESH_INVALID', 'No refresh token was sent.')
  try {
    const tokens = await refresh(sessionContext(event), presented)
    setAuthCookies(event, tokens)
    return authResponse(event, tokens)
  } catch (err) {
    // A dead session should not keep sending its cookies.
    clearAuthCookies(event)
    throw err
  }
})

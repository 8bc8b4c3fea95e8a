// GET /api/integrations/google/callback?code&state: Google sends the browser back here. The signed
// state names the user; the outcome goes back to the account page as ?google=connected|denied|error.
import { config } from '../../../config/env.ts'
import { DomainError } from '../../../domain/errors.ts'
import { googleConfigOf } from '../../../domain/calendar/google/google-config.ts'
import { completeGoogleConnect } from '../../../domain/calendar/google/connect-google.ts'
import { requestLogger } from '../../../observability/request-id.ts'

export default defineEventHandler(async (event) => {
  const cfg = googleConfigOf(config())
  if (!cfg) throw new DomainError('NOT_CONFIGURED', 'Google Calendar sync is not set up on this server.')
  const { code, state, error } = getQuery(event)
  const back = (outcome: string) => sendRedirect(event, `/account?google=${outcome}`, 302)
  if (error || typeof code !== 'string' || typeof state !== 'string') return back(error ? 'denied' : 'error')
  // An expired access cookie is no reason to fail: the signed state already names the user.
  const caller = await optionalUser(event).catch(() => undefined)
  try {
    await completeGoogleConnect(useDb(), cfg, { code, state, callerId: caller?.userId })
    return back('connected')
  } catch (err) {
    requestLogger(event).warn({ err: (err as Error).message }, 'Google connect failed')
    return back('error')
  }
})

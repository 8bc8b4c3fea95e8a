// GET /api/integrations/google/connect: sends the signed-in user to Google's consent screen.
import { config } from '../../../config/env.ts'
import { DomainError } from '../../../domain/errors.ts'
import { googleConfigOf } from '../../../domain/calendar/google/google-config.ts'
import { googleConsentUrl } from '../../../domain/calendar/google/connect-google.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  const cfg = googleConfigOf(config())
  if (!cfg) throw new DomainError('NOT_CONFIGURED', 'Google Calendar sync is not set up on this server.')
  return sendRedirect(event, await googleConsentUrl(cfg, caller.userId), 302)
})

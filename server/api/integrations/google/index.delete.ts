// DELETE /api/integrations/google: forgets the user's Google tokens (and revokes them best-effort).
import { config } from '../../../config/env.ts'
import { googleConfigOf } from '../../../domain/calendar/google/google-config.ts'
import { disconnectGoogle } from '../../../domain/calendar/google/connect-google.ts'
import { requestLogger } from '../../../observability/request-id.ts'

export default defineEventHandler(async (event) => {
  const caller = await requireUser(event)
  await disconnectGoogle(useDb(), googleConfigOf(config()), caller.userId, requestLogger(event))
  setResponseStatus(event, 204)
  return null
})

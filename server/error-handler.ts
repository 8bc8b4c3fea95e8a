// Nitro error handler for the API: every error under /api answers the contract's JSON shape.
// Page requests fall through to Nuxt's own handler (registered after this one in nuxt.config.ts).
import { send, type H3Event } from 'h3'
import { errorResponse, toApiErrorBody } from './utils/api-error.ts'
import { requestLogger } from './observability/request-id.ts'

export default async function apiErrorHandler(error: unknown, event: H3Event) {
  if (!event.path.startsWith('/api/') && event.path !== '/api') return
  const body = toApiErrorBody(error)
  // A 503 is an outage the caller is told to retry (PostgreSQL unreachable); anything else 5xx is a bug.
  if (body.statusCode >= 500) {
    const entry = { path: event.path.split('?')[0], err: error }
    if (body.statusCode === 503) requestLogger(event).warn(entry, 'request failed: service unavailable')
    else requestLogger(event).error(entry, 'request failed')
  }
  await send(event, errorResponse(event, body))
}

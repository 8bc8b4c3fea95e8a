// Nitro error handler for the API: every error under /api answers the contract's JSON shape.
// Page requests fall through to Nuxt's own handler (registered after this one in nuxt.config.ts).
import { send, setResponseHeader, setResponseStatus, type H3Event } from 'h3'
import { toApiErrorBody } from './utils/api-error.ts'

export default async function apiErrorHandler(error: unknown, event: H3Event) {
  if (!event.path.startsWith('/api/') && event.path !== '/api') return
  const body = toApiErrorBody(error)
  if (body.statusCode >= 500) console.error(JSON.stringify({ level: 'error', msg: 'request failed', path: event.path, error: String((error as Error)?.stack ?? error) }))
  setResponseStatus(event, body.statusCode)
  setResponseHeader(event, 'Content-Type', 'application/json; charset=utf-8')
  setResponseHeader(event, 'Cache-Control', 'no-store')
  if (body.statusCode === 503) setResponseHeader(event, 'Retry-After', 5)
  await send(event, JSON.stringify(body))
}

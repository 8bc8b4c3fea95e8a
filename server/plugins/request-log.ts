// One JSON log line per request: request id, method, route pattern, status and duration. The id is
// assigned before any middleware runs and echoed as X-Request-Id on every answer, errors included.
// Built assets and the health probe log at debug, so production logs stay about real traffic.
import { useLogger } from '../observability/logger.ts'
import { assignRequestId, REQUEST_ID_HEADER } from '../observability/request-id.ts'

const QUIET = /^\/(_nuxt\/|api\/health$|favicon)/

export default defineNitroPlugin((nitroApp) => {
  const log = useLogger()
  nitroApp.hooks.hook('request', (event) => {
    const started = performance.now()
    const requestId = assignRequestId(event)
    event.node.res.setHeader(REQUEST_ID_HEADER, requestId)
    event.node.res.once('close', () => {
      const res = event.node.res
      const route = (event.context.matchedRoute as { path?: string } | undefined)?.path ?? 'unmatched'
      const entry = {
        reqId: requestId,
        method: event.method,
        path: event.path.split('?')[0],
        route,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        // A response closed before it finished: the client went away (or an SSE stream ended).
        ...(res.writableFinished ? {} : { aborted: true }),
      }
      if (QUIET.test(event.path)) log.debug(entry, 'request')
      else log.info(entry, 'request')
    })
  })
})

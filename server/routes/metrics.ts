// GET /metrics: Prometheus text for the web process (HTTP timings, business counters, outbox gauges,
// Node process metrics). Queue depths and consumer counters are on each worker's own METRICS_PORT.
import { metricsAccessAllowed } from '../observability/metrics-access.ts'
import { metricsRegistry } from '../observability/registry.ts'
import { config } from '../config/env.ts'

export default defineEventHandler(async (event) => {
  setResponseHeader(event, 'Cache-Control', 'no-store')
  if (!metricsAccessAllowed(getHeader(event, 'authorization'), config().metricsToken)) {
    setResponseHeader(event, 'WWW-Authenticate', 'Bearer realm="metrics"')
    return errorResponse(event, { statusCode: 401, code: 'UNAUTHENTICATED', message: 'Metrics need the METRICS_TOKEN as a Bearer token.' })
  }
  const body = await metricsRegistry.metrics()
  setResponseHeader(event, 'Content-Type', metricsRegistry.contentType)
  return body
})

// GET /metrics: Prometheus text for the web process (HTTP timings, business counters, outbox gauges,
// Node process metrics). Queue depths and consumer counters are on each worker's own METRICS_PORT.
import { metricsRegistry } from '../messaging/metrics.ts'

export default defineEventHandler(async (event) => {
  const body = await metricsRegistry.metrics()
  setResponseHeader(event, 'Content-Type', metricsRegistry.contentType)
  setResponseHeader(event, 'Cache-Control', 'no-store')
  return body
})

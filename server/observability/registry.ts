// The process's Prometheus registry: every metric of the web app and of the workers registers here
// (web-metrics.ts, worker-metrics.ts, and the gauges read at scrape time). Served by
// server/routes/metrics.ts on the web and by metrics-server.ts on a worker's METRICS_PORT.
import { collectDefaultMetrics, Registry } from 'prom-client'

export const metricsRegistry = new Registry()

let defaultsOn = false
/** Node's process metrics (CPU, memory, event-loop lag), labelled with the process role. */
export function collectProcessMetrics(role: string): void {
  if (defaultsOn) return
  defaultsOn = true
  metricsRegistry.setDefaultLabels({ role })
  collectDefaultMetrics({ register: metricsRegistry })
}

// The web process's Prometheus metrics, in the process registry (registry.ts). Served by
// server/routes/metrics.ts; HTTP timings come from server/plugins/metrics.ts, business counters
// from one line in the routes that do the business.
import { Counter, Histogram } from 'prom-client'
import { metricsRegistry } from './registry.ts'

const registers = [metricsRegistry]

export const httpRequestDuration = new Histogram({
  name: 'bookify_http_request_duration_seconds',
  help: 'HTTP request duration by method, route pattern (not the raw path) and status.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
})

const COUNTERS = {
  holds_created: new Counter({ name: 'bookify_holds_created_total', help: 'Holds created.', registers }),
  bookings_confirmed: new Counter({ name: 'bookify_bookings_confirmed_total', help: 'Bookings confirmed.', registers }),
  bookings_cancelled: new Counter({ name: 'bookify_bookings_cancelled_total', help: 'Bookings cancelled by their holder.', registers }),
  hold_refusals_from_memo: new Counter({ name: 'bookify_hold_refusals_from_memo_total', help: 'Hold requests refused from the web process\'s memory of taken places, without a database call.', registers }),
}

type BusinessCounter = keyof typeof COUNTERS

/** One line in a route, after its domain call succeeded (inside `idempotent`, so replays do not count). */
export function countMetric(name: BusinessCounter): void {
  COUNTERS[name].inc()
}

// The workers' Prometheus metrics, in the process registry (registry.ts). Exposed by serveMetrics()
// (metrics-server.ts) on METRICS_PORT.
import { Counter, Histogram } from 'prom-client'
import { metricsRegistry } from './registry.ts'

const registers = [metricsRegistry]

/** Every delivery's outcome: ok, duplicate (already processed), retried, dead_lettered, invalid. */
export const consumerMessages = new Counter({
  name: 'bookify_consumer_messages_total',
  help: 'Messages handled by consumers, by outcome.',
  labelNames: ['consumer', 'queue', 'outcome'] as const,
  registers,
})

/** Each failed handling attempt (retried or dead-lettered) and each invalid message. */
export const consumerFailures = new Counter({
  name: 'bookify_consumer_failures_total',
  help: 'Consumer handling failures (handler errors and invalid messages).',
  labelNames: ['consumer', 'queue', 'reason'] as const,
  registers,
})

export const consumerDuration = new Histogram({
  name: 'bookify_consumer_handle_duration_seconds',
  help: 'Time from delivery to ack, by consumer and outcome.',
  labelNames: ['consumer', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
})

export const outboxPublished = new Counter({
  name: 'bookify_outbox_published_total',
  help: 'Outbox rows published and confirmed by the broker.',
  registers,
})

export const outboxPublishFailures = new Counter({
  name: 'bookify_outbox_publish_failures_total',
  help: 'Outbox publish attempts that were not confirmed (retried with backoff).',
  registers,
})

export const holdsExpired = new Counter({
  name: 'bookify_holds_expired_total',
  help: 'Holds expired by the cleanup worker, by path (job or sweep).',
  labelNames: ['via'] as const,
  registers,
})

export const consistencyViolations = new Counter({
  name: 'bookify_consistency_violations_total',
  help: 'Inventory invariant violations found by the periodic check (should stay 0).',
  labelNames: ['check'] as const,
  registers,
})

export const rowsPurged = new Counter({
  name: 'bookify_cleanup_rows_purged_total',
  help: 'Stale rows deleted by the cleanup worker, by table.',
  labelNames: ['table'] as const,
  registers,
})

/** Every webhook attempt's outcome: delivered, retry, failed (every retry used), plus endpoints disabled. */
export const webhookAttempts = new Counter({
  name: 'bookify_webhook_attempts_total',
  help: 'Webhook delivery attempts by outcome (delivered, retry, failed) and endpoints disabled (endpoint_disabled).',
  labelNames: ['outcome'] as const,
  registers,
})

export const webhookLatency = new Histogram({
  name: 'bookify_webhook_attempt_duration_seconds',
  help: 'Time from connecting to the receiver to the end of its answer, by outcome.',
  labelNames: ['outcome'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
})

// The outbox gauges the web app and the relay both expose. Gauges that describe shared state are
// read when scraped, never kept up to date in the background.
import { Gauge } from 'prom-client'
import type { Db } from '../db/client.ts'
import { metricsRegistry } from './registry.ts'

interface OutboxStats {
  backlog: number
  oldest_age_seconds: number
}

/** outbox backlog and the age of the oldest unpublished row, one query per scrape. */
export function registerOutboxGauges(db: Db): void {
  if (metricsRegistry.getSingleMetric('bookify_outbox_backlog')) return
  let pending: Promise<OutboxStats | undefined> | undefined
  // Both gauges are collected in one scrape; share the query between them.
  const read = () => {
    pending ??= db.$queryRaw<OutboxStats[]>`
      SELECT count(*)::int AS backlog,
             coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS oldest_age_seconds
        FROM outbox_messages WHERE published_at IS NULL`
      .then(rows => rows[0], () => undefined)
      .finally(() => setTimeout(() => { pending = undefined }, 0))
    return pending
  }
  new Gauge({
    name: 'bookify_outbox_backlog',
    help: 'Outbox rows not yet published to RabbitMQ.',
    registers: [metricsRegistry],
    async collect() {
      const stats = await read()
      if (stats) this.set(stats.backlog)
    },
  })
  new Gauge({
    name: 'bookify_outbox_oldest_unpublished_age_seconds',
    help: 'Age of the oldest unpublished outbox row (0 when none).',
    registers: [metricsRegistry],
    async collect() {
      const stats = await read()
      if (stats) this.set(stats.oldest_age_seconds)
    },
  })
}

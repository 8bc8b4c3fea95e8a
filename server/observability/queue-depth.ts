// Per-queue depth and consumer count, read from RabbitMQ when scraped (passive checkQueue on a
// short-lived channel: a missing queue closes the channel, so it is never one the worker uses).
import type { RecoveringChannelModel } from 'amqplib'
import { Gauge } from 'prom-client'
import { metricsRegistry } from './registry.ts'

const SCRAPE_TIMEOUT_MS = 1_000

interface QueueStats {
  queue: string
  messages: number
  consumers: number
}

async function readQueues(connection: RecoveringChannelModel, queues: readonly string[]): Promise<QueueStats[]> {
  const channel = await connection.createChannel()
  channel.on('error', () => {})
  const stats: QueueStats[] = []
  try {
    for (const queue of queues) {
      const reply = await channel.checkQueue(queue)
      stats.push({ queue, messages: reply.messageCount, consumers: reply.consumerCount })
    }
  } finally {
    await channel.close().catch(() => {})
  }
  return stats
}

export function registerQueueDepthGauges(connection: RecoveringChannelModel, queues: readonly string[]): void {
  if (metricsRegistry.getSingleMetric('bookify_queue_depth')) return
  let pending: Promise<QueueStats[]> | undefined
  const read = () => {
    pending ??= Promise.race([
      readQueues(connection, queues),
      new Promise<QueueStats[]>((_, reject) => setTimeout(() => reject(new Error('timeout')), SCRAPE_TIMEOUT_MS)),
    ]).catch(() => [] as QueueStats[]).finally(() => setTimeout(() => { pending = undefined }, 0))
    return pending
  }
  new Gauge({
    name: 'bookify_queue_depth',
    help: 'Messages ready in each RabbitMQ queue, read at scrape time.',
    labelNames: ['queue'] as const,
    registers: [metricsRegistry],
    async collect() {
      this.reset()
      for (const s of await read()) this.set({ queue: s.queue }, s.messages)
    },
  })
  new Gauge({
    name: 'bookify_queue_consumers',
    help: 'Consumers attached to each RabbitMQ queue, read at scrape time.',
    labelNames: ['queue'] as const,
    registers: [metricsRegistry],
    async collect() {
      this.reset()
      for (const s of await read()) this.set({ queue: s.queue }, s.consumers)
    },
  })
}

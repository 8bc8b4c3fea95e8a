// The outbox relay loop (invariant 3). Each round, in one transaction: claim the oldest unpublished
// row of up to `batchSize` aggregates (server/messaging/outbox-claim.ts), publish them on a confirm
// channel, and mark published only the rows the broker confirmed. A row that fails counts an attempt,
// keeps its error, and its aggregate waits (1 s, doubling, at most 30 s) before it is tried again —
// later rows of that aggregate wait behind it, so order holds. While the broker is unreachable the
// loop waits for a channel and claims nothing: rows simply stay in PostgreSQL.
// Tracing: each publish is a span continuing the trace stored with the row (the request that wrote
// it), and its traceparent travels in the message headers to the consumers.
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import type { ConfirmChannel } from 'amqplib'
import type { Db } from '../../server/db/client.ts'
import { envelopeOf } from '../../server/messaging/envelope.ts'
import { EVENTS_EXCHANGE, MESSAGE_HEADERS } from '../../server/messaging/names.ts'
import { claimOutboxBatch, markOutboxFailed, markOutboxPublished, type ClaimedOutboxRow } from '../../server/messaging/outbox-claim.ts'
import type { ChannelKeeper } from './channel-keeper.ts'
import { KeeperClosedError } from './channel-keeper.ts'
import type { WorkerContext } from './lifecycle.ts'
import { outboxPublished, outboxPublishFailures } from '../../server/observability/worker-metrics.ts'
import { contextFromTraceparent, tracer, withTraceHeaders } from '../../server/observability/tracing/trace-context.ts'

export interface RelayOptions {
  batchSize?: number
  /** How often an idle relay looks for new rows. */
  pollMs?: number
  /** A publish not confirmed within this time counts as failed (and may be published twice). */
  confirmTimeoutMs?: number
}

export interface Relay {
  stop(): Promise<void>
}

const MAX_BACKOFF_MS = 30_000

/** Aggregates whose last publish failed, and until when they wait. Kept in memory: a restart retries at once. */
class AggregateBackoff {
  private entries = new Map<string, { failures: number, until: number }>()

  failed(key: string): number {
    const failures = (this.entries.get(key)?.failures ?? 0) + 1
    const delay = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** (failures - 1))
    this.entries.set(key, { failures, until: Date.now() + delay })
    return delay
  }

  succeeded(key: string): void {
    this.entries.delete(key)
  }

  waiting(): string[] {
    const now = Date.now()
    return [...this.entries].filter(([, e]) => e.until > now).map(([key]) => key)
  }
}

function publishOne(channel: ConfirmChannel, row: ClaimedOutboxRow, timeoutMs: number): Promise<void> {
  const body = Buffer.from(JSON.stringify(envelopeOf(row)))
  const parent = contextFromTraceparent(row.traceparent)
  const span = tracer().startSpan(`publish ${EVENTS_EXCHANGE}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'rabbitmq',
      'messaging.operation.type': 'send',
      'messaging.destination.name': EVENTS_EXCHANGE,
      'messaging.rabbitmq.destination.routing_key': row.routingKey,
      'messaging.message.id': row.id,
      ...(row.correlationId ? { 'messaging.message.conversation_id': row.correlationId } : {}),
    },
  }, parent)
  const spanContext = trace.setSpan(parent, span)
  const headers = withTraceHeaders(spanContext, row.correlationId ? { [MESSAGE_HEADERS.correlationId]: row.correlationId } : {})
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => settle(new Error(`no broker confirm within ${timeoutMs} ms`)), timeoutMs)
    let settled = false
    function settle(err: unknown) {
      if (settled) return
      settled = true
      clearTimeout(timer)
      if (err) {
        const error = err instanceof Error ? err : new Error(String(err))
        span.recordException(error)
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message })
        span.end()
        reject(error)
      } else {
        span.end()
        resolve()
      }
    }
    try {
      // Inside the span, so an instrumented amqplib's own publish span is its child.
      context.with(spanContext, () => channel.publish(EVENTS_EXCHANGE, row.routingKey, body, {
        persistent: true,
        messageId: row.id,
        type: row.routingKey,
        contentType: 'application/json',
        timestamp: Math.floor(row.createdAt.getTime() / 1000),
        ...(row.correlationId ? { correlationId: row.correlationId } : {}),
        ...(Object.keys(headers).length > 0 ? { headers } : {}),
      }, settle))
    } catch (err) {
      settle(err)
    }
  })
}

export function startOutboxRelay(ctx: WorkerContext, db: Db, channels: ChannelKeeper<ConfirmChannel>, options: RelayOptions = {}): Relay {
  const batchSize = options.batchSize ?? 100
  const pollMs = options.pollMs ?? 200
  const confirmTimeoutMs = options.confirmTimeoutMs ?? 10_000
  const log = ctx.log.child({ component: 'relay' })
  const backoff = new AggregateBackoff()
  let stopping = false
  let wake: (() => void) | undefined
  let signalStop!: () => void
  const stopSignal = new Promise<undefined>((resolve) => { signalStop = () => resolve(undefined) })

  const pause = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms)
    wake = () => { clearTimeout(timer); resolve() }
  })

  /** One round; returns how many rows it claimed. */
  async function relayBatch(channel: ConfirmChannel): Promise<number> {
    return db.$transaction(async (tx) => {
      const rows = await claimOutboxBatch(tx, batchSize, backoff.waiting())
      if (rows.length === 0) return 0
      // One row per aggregate: publishing them all at once cannot reorder anything.
      const results = await Promise.allSettled(rows.map(row => publishOne(channel, row, confirmTimeoutMs)))
      const confirmed: string[] = []
      for (const [i, result] of results.entries()) {
        const row = rows[i]!
        if (result.status === 'fulfilled') {
          confirmed.push(row.id)
          backoff.succeeded(row.aggregateKey)
          continue
        }
        const error = result.reason instanceof Error ? result.reason.message : String(result.reason)
        const retryInMs = backoff.failed(row.aggregateKey)
        await markOutboxFailed(tx, row.id, error)
        log.warn({ messageId: row.id, correlationId: row.correlationId, type: row.routingKey, attempts: row.attempts + 1, retryInMs, err: error }, 'publish failed; will retry')
      }
      await markOutboxPublished(tx, confirmed)
      outboxPublished.inc(confirmed.length)
      outboxPublishFailures.inc(rows.length - confirmed.length)
      log.debug({ published: confirmed.length, failed: rows.length - confirmed.length }, 'relayed batch')
      return rows.length
    }, { maxWait: 10_000, timeout: confirmTimeoutMs + 20_000 })
  }

  const loop = (async () => {
    let dbFailures = 0
    while (!stopping) {
      let channel: ConfirmChannel | undefined
      try {
        // Waits here, claiming nothing, while the broker is unreachable.
        channel = await Promise.race([channels.ready(), stopSignal])
      } catch (err) {
        if (err instanceof KeeperClosedError) break
        throw err
      }
      if (!channel) break
      try {
        const claimed = await relayBatch(channel)
        dbFailures = 0
        // A full or partial batch means more may be waiting (the next head of each aggregate): go again.
        if (claimed === 0) await pause(pollMs)
      } catch (err) {
        dbFailures++
        log.warn({ err: (err as Error).message, failures: dbFailures }, 'relay round failed; retrying')
        await pause(Math.min(5_000, 200 * 2 ** dbFailures))
      }
    }
  })()

  return {
    async stop() {
      stopping = true
      signalStop()
      wake?.()
      await loop
    },
  }
}

/**
 * Consumer runtime: the one place that acks, retries and dead-letters (ARCHITECTURE.md, invariant 3).
 *
 *   await startConsumer(ctx, {
 *     queue: QUEUES.notifications,        // from server/messaging/names.ts
 *     name: 'notifications',              // processed_messages.consumer: one name per effect, never reused
 *     handlers: {                         // one per routing key (handlers.ts), typed by the queue's bindings
 *       [ROUTING_KEYS.bookingConfirmed]: async (data, { tx }) => {   // data: PayloadOf<'booking.confirmed'>
 *         await sendMail(...)                                        // non-DB effects first: they may repeat on retry
 *         await tx(async (t) => { await t.notification.create(...) }) // commits WITH the processed mark
 *       },
 *     },
 *     prefetch: 10,       // unacked deliveries in flight (default 10)
 *     maxAttempts: 5,     // handler attempts before dead-lettering (default 5)
 *   })
 *
 * - Validation: the envelope and the payload for its type (MESSAGE_PAYLOADS), once, here; handlers get
 *   the typed payload. An invalid message is dead-lettered at once, without retries: retrying cannot
 *   make it valid. A valid message whose type has no handler in the map is acked and logged
 *   (outcome `ignored`), with no processed mark: nothing ran, so there is nothing to deduplicate.
 * - Idempotency by message id (= the outbox row id): a message already in processed_messages for this
 *   consumer is acked without running the handler. The FIRST `tx(fn)` call inserts the
 *   (consumer, message id) mark as its first statement and commits it together with whatever `fn`
 *   writes; later `tx` calls are plain transactions. A handler that never calls `tx` gets the mark
 *   written after it returns. Two copies handled at once: the second blocks on the mark's key until
 *   the first commits, then is treated as a duplicate.
 * - Ack only after the handler returned and the mark committed. A crash before that leaves the message
 *   unacked: RabbitMQ redelivers it, and the mark decides whether it runs again.
 * - Failure (the handler threw): a copy goes to `<queue>.retry.<delay>` (RETRY_DELAYS_MS: by default
 *   1 s, 5 s, 30 s, 2 min, the last repeating), which the broker sends back to `<queue>` alone when
 *   the TTL ends; at `maxAttempts` it goes to `<queue>.dead` instead. The copy is confirmed by the
 *   broker before the original is acked. Nothing is ever requeued in place.
 * - Order: messages of one aggregate (booking, hold, event, …) run one after another in delivery
 *   order within this process; different aggregates run concurrently up to `prefetch`. A retried
 *   message comes back behind newer ones, so handlers read current state from PostgreSQL rather
 *   than trusting message order. `orderByAggregate: false` lifts the per-aggregate ordering;
 *   `aggregateKeyOf` widens the unit (several outbox aggregates ordered as one).
 * - Shutdown (SIGTERM via runWorker): stop consuming, let in-flight handlers finish (up to ~6 s),
 *   then close the channel; whatever was not acked goes back to the queue.
 * - Logs: one JSON line per outcome with consumer, queue, messageId, correlationId, type, attempt.
 * - Tracing: each delivery is handled inside a `process <queue>` span whose parent is the publisher's
 *   span from the message's traceparent header (or amqplib's consume span for it, when instrumented),
 *   so what the handler does (SQL, SMTP) joins the trace of the request that wrote the outbox row.
 *   Retried and dead-lettered copies keep the header, and with it the trace.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api'
import type { Channel, ConfirmChannel, ConsumeMessage, Options, RecoveringChannelModel } from 'amqplib'
import type { Db } from '../../server/db/client.ts'
import { parseMessage, type ParsedMessage, type ValidMessage } from '../../server/messaging/envelope.ts'
import { aggregateOf } from '../../server/messaging/messages.ts'
import { config } from '../../server/config/env.ts'
import { DEAD_LETTER_EXCHANGE, MESSAGE_HEADERS, retryQueue, type QueueName } from '../../server/messaging/names.ts'
import { declareTopology } from '../../server/messaging/topology.ts'
import { keepChannel } from './channel-keeper.ts'
import { handlerFor, type HandlerMap, type HandlerTools } from './handlers.ts'
import type { WorkerContext } from './lifecycle.ts'
import type { Logger } from '../../server/observability/logger.ts'
import { consumerDuration, consumerFailures, consumerMessages } from '../../server/observability/worker-metrics.ts'
import { receivedContext, tracer } from '../../server/observability/tracing/trace-context.ts'
import { afterFailure, DEFAULT_MAX_ATTEMPTS } from './retry-policy.ts'
import { workerDb, workerRabbit } from './shared-connections.ts'

export interface ConsumerOptions<Q extends QueueName> {
  queue: Q
  /** Names this consumer's effect in processed_messages. */
  name: string
  /** One handler per routing key of `queue` (handlers.ts); a key left out is acked unhandled. */
  handlers: HandlerMap<Q>
  prefetch?: number
  maxAttempts?: number
  /** Default true: one aggregate's messages are handled one at a time, in delivery order. */
  orderByAggregate?: boolean
  /**
   * The ordering unit when it is wider than the outbox aggregate (the webhooks consumer keeps a
   * booking's check-ins and refunds behind the booking's own messages); undefined: the outbox's.
   */
  aggregateKeyOf?: (message: ValidMessage) => string | undefined
  /** Defaults: the worker's shared pool and connection (shared-connections.ts). */
  db?: Db
  connection?: RecoveringChannelModel
}

export interface Consumer {
  /** Stops consuming, waits for in-flight messages, closes the channel. Also runs on SIGTERM. */
  stop(): Promise<void>
}

export const DEFAULT_PREFETCH = 10
const DRAIN_MS = 6_000
const HANDLER_TX_TIMEOUT_MS = 30_000

type Outcome = 'ok' | 'duplicate' | 'ignored' | 'retried' | 'dead_lettered' | 'invalid'

class AlreadyProcessed extends Error {}

function publishConfirmed(channel: ConfirmChannel, exchange: string, routingKey: string, content: Buffer, options: Options.Publish): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      channel.publish(exchange, routingKey, content, options, err => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()))
    } catch (err) {
      reject(err)
    }
  })
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500)
}

function aggregateKey(parsed: ParsedMessage): string | undefined {
  if (!parsed.ok) return undefined
  try {
    const { aggregateType, aggregateId } = aggregateOf(parsed.message.type, parsed.message.data as never)
    return `${aggregateType}:${aggregateId}`
  } catch {
    return undefined
  }
}

export async function startConsumer<Q extends QueueName>(ctx: WorkerContext, options: ConsumerOptions<Q>): Promise<Consumer> {
  const { queue, name, handlers } = options
  const prefetch = options.prefetch ?? DEFAULT_PREFETCH
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  const { retryDelaysMs } = config()
  const orderByAggregate = options.orderByAggregate ?? true
  const db = options.db ?? await workerDb(ctx)
  const connection = options.connection ?? await workerRabbit(ctx, name)
  const log = ctx.log.child({ consumer: name, queue })

  let stopping = false
  const inflight = new Set<Promise<void>>()
  const chains = new Map<string, Promise<void>>()
  const consumerTags = new WeakMap<Channel, string>()

  /** Runs the message's handler unless this consumer already applied the message. */
  async function handleOnce(message: ValidMessage, mlog: Logger): Promise<'ok' | 'duplicate' | 'ignored'> {
    const handle = handlerFor(handlers, message)
    if (!handle) return 'ignored'
    const seen = await db.processedMessage.findUnique({ where: { consumer_messageId: { consumer: name, messageId: message.id } }, select: { messageId: true } })
    if (seen) return 'duplicate'
    let marked = false
    const tx: HandlerTools['tx'] = async (fn) => {
      if (marked) return db.$transaction(fn, { timeout: HANDLER_TX_TIMEOUT_MS })
      const result = await db.$transaction(async (t) => {
        const { count } = await t.processedMessage.createMany({ data: [{ consumer: name, messageId: message.id }], skipDuplicates: true })
        if (count === 0) throw new AlreadyProcessed()
        return fn(t)
      }, { timeout: HANDLER_TX_TIMEOUT_MS })
      marked = true
      return result
    }
    try {
      await handle({ db, log: mlog, tx, messageId: message.id, correlationId: message.correlationId })
    } catch (err) {
      if (err instanceof AlreadyProcessed) return 'duplicate'
      throw err
    }
    if (!marked) await db.processedMessage.createMany({ data: [{ consumer: name, messageId: message.id }], skipDuplicates: true })
    return 'ok'
  }

  /** Puts a copy where it must go next (retry delay queue or dead-letter queue), confirmed. */
  function forward(channel: ConfirmChannel, msg: ConsumeMessage, attempt: number, error: string, to: { retryDelayMs: number } | { deadReason: string }): Promise<void> {
    const headers = {
      ...msg.properties.headers,
      [MESSAGE_HEADERS.attempt]: attempt,
      [MESSAGE_HEADERS.lastError]: error,
      ...('deadReason' in to ? { [MESSAGE_HEADERS.deadReason]: to.deadReason } : {}),
    }
    const properties: Options.Publish = {
      persistent: true,
      messageId: msg.properties.messageId,
      correlationId: msg.properties.correlationId,
      contentType: msg.properties.contentType,
      type: msg.properties.type,
      timestamp: msg.properties.timestamp,
      headers,
    }
    return 'deadReason' in to
      ? publishConfirmed(channel, DEAD_LETTER_EXCHANGE, queue, msg.content, properties)
      : publishConfirmed(channel, '', retryQueue(queue, to.retryDelayMs), msg.content, properties)
  }

  async function processDelivery(channel: ConfirmChannel, msg: ConsumeMessage, parsed: ParsedMessage): Promise<void> {
    const started = performance.now()
    const headers = msg.properties.headers ?? {}
    // The header counts attempts already made; a redelivery after a crash does not count as one.
    const attempt = Number(headers[MESSAGE_HEADERS.attempt] ?? 0) + 1
    const mlog = log.child({
      messageId: parsed.ok ? parsed.message.id : msg.properties.messageId,
      correlationId: parsed.ok ? parsed.message.correlationId : headers[MESSAGE_HEADERS.correlationId],
      type: parsed.ok ? parsed.message.type : msg.fields.routingKey,
      attempt,
      ...(msg.fields.redelivered ? { redelivered: true } : {}),
    })
    const done = (outcome: Outcome, fields: Record<string, unknown> = {}) => {
      try {
        channel.ack(msg)
      } catch {
        // The channel closed meanwhile: the broker redelivers, and the mark makes that harmless.
        mlog.warn({ outcome }, 'could not ack (channel closed); the message will be redelivered')
        return
      }
      const durationMs = Math.round(performance.now() - started)
      const span = trace.getActiveSpan()
      span?.setAttribute('bookify.outcome', outcome)
      if (outcome === 'dead_lettered' || outcome === 'invalid' || outcome === 'retried') span?.setStatus({ code: SpanStatusCode.ERROR, message: outcome })
      consumerMessages.inc({ consumer: name, queue, outcome })
      consumerDuration.observe({ consumer: name, outcome }, durationMs / 1000)
      const level = outcome === 'dead_lettered' || outcome === 'invalid' ? 'error' : outcome === 'retried' ? 'warn' : 'info'
      mlog[level]({ outcome, durationMs, ...fields }, `message ${outcome.replace('_', ' ')}`)
    }

    if (!parsed.ok) {
      consumerFailures.inc({ consumer: name, queue, reason: 'invalid' })
      try {
        await forward(channel, msg, attempt, parsed.error, { deadReason: 'invalid' })
        done('invalid', { error: parsed.error })
      } catch (err) {
        mlog.warn({ err: errorText(err) }, 'could not dead-letter an invalid message; left unacked')
      }
      return
    }

    try {
      const outcome = await handleOnce(parsed.message, mlog)
      done(outcome)
    } catch (err) {
      consumerFailures.inc({ consumer: name, queue, reason: 'error' })
      trace.getActiveSpan()?.recordException(err instanceof Error ? err : new Error(String(err)))
      const next = afterFailure(attempt, maxAttempts, retryDelaysMs)
      const error = errorText(err)
      try {
        if (next.action === 'retry') {
          await forward(channel, msg, attempt, error, { retryDelayMs: next.delayMs })
          done('retried', { err, retryInMs: next.delayMs })
        } else {
          await forward(channel, msg, attempt, error, { deadReason: 'max-attempts' })
          done('dead_lettered', { err, maxAttempts })
        }
      } catch (forwardErr) {
        mlog.warn({ err, forwardErr: errorText(forwardErr) }, 'handler failed and the retry could not be queued; left unacked')
      }
    }
  }

  function onDelivery(channel: ConfirmChannel, msg: ConsumeMessage | null): void {
    if (!msg) {
      log.warn('consumer cancelled by the broker; reopening the channel')
      void channel.close().catch(() => {})
      return
    }
    if (stopping) return // left unacked: back to the queue when the channel closes
    const parsed = parseMessage(msg.content)
    const key = orderByAggregate ? ((parsed.ok && options.aggregateKeyOf?.(parsed.message)) || aggregateKey(parsed)) : undefined
    const parent = receivedContext(msg.properties.headers)
    const work = () => {
      const span = tracer().startSpan(`process ${queue}`, {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'rabbitmq',
          'messaging.operation.type': 'process',
          'messaging.destination.name': queue,
          'messaging.consumer.group.name': name,
          'messaging.rabbitmq.destination.routing_key': msg.fields.routingKey,
          ...(msg.properties.messageId ? { 'messaging.message.id': String(msg.properties.messageId) } : {}),
        },
      }, parent)
      return context.with(trace.setSpan(parent, span), () => processDelivery(channel, msg, parsed))
        .catch(err => log.error({ err }, 'unexpected consumer error'))
        .finally(() => span.end())
    }
    let task: Promise<void>
    if (key) {
      task = (chains.get(key) ?? Promise.resolve()).then(work)
      chains.set(key, task)
      void task.then(() => { if (chains.get(key) === task) chains.delete(key) })
    } else {
      task = work()
    }
    inflight.add(task)
    void task.finally(() => inflight.delete(task))
  }

  const keeper = keepChannel<ConfirmChannel>(ctx, connection, {
    name: `consumer:${name}`,
    confirm: true,
    async setup(channel) {
      await declareTopology(channel, retryDelaysMs)
      await channel.prefetch(prefetch)
      if (stopping) return
      const { consumerTag } = await channel.consume(queue, msg => onDelivery(channel, msg), { noAck: false })
      consumerTags.set(channel, consumerTag)
    },
  })

  let stopped: Promise<void> | undefined
  const consumer: Consumer = {
    stop() {
      stopped ??= (async () => {
        stopping = true
        const channel = keeper.current()
        const tag = channel && consumerTags.get(channel)
        if (channel && tag) await channel.cancel(tag).catch(() => {})
        const drained = await Promise.race([
          Promise.allSettled([...inflight]).then(() => true),
          new Promise<false>(resolve => setTimeout(() => resolve(false), DRAIN_MS)),
        ])
        if (!drained) log.warn({ inflight: inflight.size }, 'in-flight messages did not finish in time; they will be redelivered')
        await keeper.close()
        log.info('consumer stopped')
      })()
      return stopped
    },
  }
  ctx.onShutdown(() => consumer.stop())
  await keeper.ready()
  log.info({ prefetch, maxAttempts }, 'consuming')
  return consumer
}

// The app's side of tracing, on @opentelemetry/api alone. Without a registered SDK (tracing off, see
// register.ts) every call here is the API's no-op: no span is made, nothing is injected, no trace id
// reaches a log line — so the outbox, relay, consumer and mailer call these unconditionally.
import { context, isSpanContextValid, propagation, ROOT_CONTEXT, trace, type Context, type Tracer } from '@opentelemetry/api'

/** The W3C header that carries a span's identity from one process to the next. */
export const TRACEPARENT = 'traceparent'

export function tracer(): Tracer {
  return trace.getTracer('bookify')
}

/** The active span's W3C traceparent, to store with an outbox row; undefined while tracing is off. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {}
  propagation.inject(context.active(), carrier)
  return carrier[TRACEPARENT]
}

/** A context whose parent is the span a stored or received traceparent names (the root context if none). */
export function contextFromTraceparent(traceparent: string | null | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { [TRACEPARENT]: traceparent }) : ROOT_CONTEXT
}

/** Message headers carrying `ctx`'s span (traceparent, tracestate), merged over `headers`. */
export function withTraceHeaders(ctx: Context, headers: Record<string, unknown> = {}): Record<string, unknown> {
  const carrier: Record<string, string> = {}
  propagation.inject(ctx, carrier)
  return { ...headers, ...carrier }
}

/**
 * The parent for handling a received message: the span an instrumentation already opened for this
 * delivery when it belongs to the message's trace (amqplib's consume span), else the sender's span
 * named in the headers.
 */
export function receivedContext(headers: Record<string, unknown> | undefined): Context {
  const raw = headers?.[TRACEPARENT]
  const remote = contextFromTraceparent(typeof raw === 'string' ? raw : raw instanceof Buffer ? raw.toString() : undefined)
  const active = trace.getSpanContext(context.active())
  const sender = trace.getSpanContext(remote)
  return active && sender && active.traceId === sender.traceId ? context.active() : remote
}

/** pino mixin: the active span's ids on every log line written inside it. */
export function traceLogFields(): Record<string, string> {
  const span = trace.getSpanContext(context.active())
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {}
}

/** Exports the spans still buffered, before a process exits; a no-op while tracing is off. */
export async function flushTraces(timeoutMs = 2_000): Promise<void> {
  const provider = trace.getTracerProvider() as { getDelegate?: () => unknown }
  const delegate = (provider.getDelegate?.() ?? provider) as { forceFlush?: () => Promise<void> }
  if (typeof delegate.forceFlush !== 'function') return
  await Promise.race([
    delegate.forceFlush().catch(() => {}),
    new Promise(resolve => setTimeout(resolve, timeoutMs).unref()),
  ])
}

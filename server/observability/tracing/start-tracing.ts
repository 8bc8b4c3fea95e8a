// Starts the OpenTelemetry SDK for one process: spans of incoming and outgoing HTTP, PostgreSQL (pg),
// Redis (ioredis) and RabbitMQ (amqplib), plus the app's own (trace-context.ts), exported over OTLP
// (HTTP, JSON encoding) to OTEL_EXPORTER_OTLP_ENDPOINT (`<endpoint>/v1/traces`). Every SDK package is
// imported dynamically, from startTracing only: with the endpoint unset none of them is ever loaded.
import { basename } from 'node:path'

export interface TracingSettings {
  serviceName: string
}

/** Modules the loader hook may wrap: only what the instrumentations patch, so nothing else pays for it. */
const INSTRUMENTED_MODULES = ['http', 'https', 'node:http', 'node:https', 'pg', 'ioredis', 'amqplib']

/** Requests too frequent and too dull to trace: probes and scrapes. */
const UNTRACED_PATHS = /^\/(api\/health|api\/ready|metrics)(\?|$)/

/**
 * Whether to trace and as what, from the environment: off unless OTEL_EXPORTER_OTLP_ENDPOINT is set
 * (and OTEL_SDK_DISABLED is not `true`). The service name is OTEL_SERVICE_NAME, else `bookify-<role>`
 * from the entry file: `bookify-web` for the Nitro server, `bookify-relay` for workers/relay.ts or
 * dist/workers/relay.mjs, and so on.
 */
export function tracingSettings(env: NodeJS.ProcessEnv, entry: string | undefined): TracingSettings | undefined {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()) return undefined
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined
  return { serviceName: env.OTEL_SERVICE_NAME?.trim() || `bookify-${roleOf(entry)}` }
}

function roleOf(entry: string | undefined): string {
  if (!entry) return 'node'
  if (/[/\\]server[/\\]index\.mjs$/.test(entry)) return 'web'
  return basename(entry).replace(/\.(m?js|ts)$/, '')
}

export async function startTracing(settings: TracingSettings): Promise<void> {
  // Our spans go out as traces only: metrics stay Prometheus (/metrics) and logs stay JSON on stdout,
  // whatever the SDK would otherwise default to.
  process.env.OTEL_METRICS_EXPORTER ??= 'none'
  process.env.OTEL_LOGS_EXPORTER ??= 'none'
  // ES modules are patched through a loader hook, which must be in place before the app imports them.
  const { register } = await import('node:module')
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: INSTRUMENTED_MODULES } })

  // The tracer provider, one batch processor and the instrumentations, wired here rather than through
  // @opentelemetry/sdk-node: that package brings every exporter it can configure (gRPC and protobuf
  // included), several times the import time and most of the image's OpenTelemetry files, for nothing
  // we use. The batch processor still reads OTEL_BSP_*, and register() installs the AsyncLocalStorage
  // context manager and the W3C trace-context propagator, as the NodeSDK would.
  const [{ NodeTracerProvider, BatchSpanProcessor }, { resourceFromAttributes, envDetector, detectResources }, { registerInstrumentations }, { OTLPTraceExporter }, { HttpInstrumentation }, { PgInstrumentation }, { IORedisInstrumentation }, { AmqplibInstrumentation }] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/instrumentation'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-pg'),
    import('@opentelemetry/instrumentation-ioredis'),
    import('@opentelemetry/instrumentation-amqplib'),
  ])
  // OTEL_RESOURCE_ATTRIBUTES still apply; the service name set here wins over them.
  const resource = detectResources({ detectors: [envDetector] }).merge(resourceFromAttributes({ 'service.name': settings.serviceName }))
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] })
  provider.register()
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({ ignoreIncomingRequestHook: req => UNTRACED_PATHS.test(req.url ?? '') }),
      // Only queries inside a traced operation: the relay's idle polling would otherwise make a root
      // trace several times a second.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new AmqplibInstrumentation(),
    ],
  })
}

// JSON logs (pino, one line per entry on stdout) at LOG_LEVEL. Each process has one logger, tagged
// so interleaved output (npm start, Railway) can be filtered per process: `role: web` for the web
// server, `worker: <name>` once a worker started (workers/runtime/lifecycle.ts). Request lines carry
// `reqId` (request-id.ts, requestLogger); worker message lines carry the message's correlation id.
// While tracing is on, a line written inside a span carries its `traceId` and `spanId` (a mixin), so a
// log line leads to its trace in Jaeger and back.
import { pino, type Logger } from 'pino'
import { config } from '../config/env.ts'
import { traceLogFields } from './tracing/trace-context.ts'

export type { Logger }

function createLogger(base: Record<string, unknown>): Logger {
  return pino({ base: { ...base, pid: process.pid }, level: config().logLevel, mixin: traceLogFields })
}

let processLogger: Logger | undefined

/** The process's logger: the web server's unless a worker named itself with startWorkerLogger. */
export function useLogger(): Logger {
  processLogger ??= createLogger({ role: 'web' })
  return processLogger
}

/**
 * Makes `worker: <name>` the process's logger; called once when a worker starts. When the
 * configuration cannot be read (LOG_LEVEL included), says why on one fatal line and exits 1.
 */
export function startWorkerLogger(worker: string): Logger {
  try {
    processLogger = createLogger({ worker })
  } catch (err) {
    pino({ base: { worker, pid: process.pid } }).fatal({ err }, 'failed to start: the configuration is not valid')
    process.exit(1)
  }
  return processLogger
}

// Process lifecycle shared by every worker: start, stay alive, and on SIGTERM/SIGINT close what
// was opened (newest first) and exit 0. Railway and `npm start` both stop workers with SIGTERM.
import { startWorkerLogger, type Logger } from '../../server/observability/logger.ts'
import { flushTraces } from '../../server/observability/tracing/trace-context.ts'

export type Closer = () => unknown
export interface WorkerContext {
  log: Logger
  /** Registers something to close on shutdown; closers run in reverse order of registration. */
  onShutdown(close: Closer): void
}

// Under the 10 s the supervisor waits before SIGKILL, so a stuck close still ends in a clean exit.
const SHUTDOWN_GRACE_MS = 8_000

export async function runWorker(name: string, start: (ctx: WorkerContext) => Promise<void>): Promise<void> {
  const log = startWorkerLogger(name)
  const closers: Closer[] = []
  // Connections may all idle out; this timer is what keeps an idle worker alive.
  const keepAlive = setInterval(() => {}, 60_000)
  let stopping = false

  const shutdown = async (signal: NodeJS.Signals) => {
    // Ctrl-C reaches the whole process group and the supervisor then sends SIGTERM too: act once.
    if (stopping) return
    stopping = true
    log.info({ signal }, 'shutting down')
    setTimeout(() => {
      log.error('shutdown took too long; exiting')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS).unref()
    for (const close of closers.reverse()) {
      try {
        await close()
      } catch (err) {
        log.warn({ err }, 'error while closing')
      }
    }
    clearInterval(keepAlive)
    await flushTraces() // the spans of the last messages, still buffered for export
    log.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)

  try {
    await start({ log, onShutdown: close => closers.push(close) })
  } catch (err) {
    log.fatal({ err }, 'failed to start')
    for (const close of closers.reverse()) await Promise.resolve().then(close).catch(() => {})
    process.exit(1)
  }
}

// One JSON line per log entry on stdout, tagged with the worker's name so interleaved output
// (npm start, Railway) can be filtered per process.
import { pino, type Logger } from 'pino'

export type { Logger }

export function createLogger(worker: string): Logger {
  return pino({ base: { worker, pid: process.pid }, level: process.env.LOG_LEVEL || 'info' })
}

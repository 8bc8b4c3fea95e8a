// The web process's JSON logger (pino, one line per entry on stdout). Workers have their own in
// workers/runtime/logger.ts; both tag entries with the request or message correlation id.
import { pino, type Logger } from 'pino'
import { config } from '../config/env.ts'

let logger: Logger | undefined

export function useLogger(): Logger {
  logger ??= pino({ base: { role: 'web', pid: process.pid }, level: config().logLevel })
  return logger
}

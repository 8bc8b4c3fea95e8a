// Every request gets an id: the caller's X-Request-Id when a trusted proxy set it, else a fresh one.
// It is echoed in the response, tags the request's log lines, and becomes the correlation id of the
// outbox messages the request writes, so workers' logs can be joined to the request that caused them.
import { randomUUID } from 'node:crypto'
import { getRequestHeader, type H3Event } from 'h3'
import { config } from '../config/env.ts'
import { useLogger, type Logger } from './logger.ts'

export const REQUEST_ID_HEADER = 'X-Request-Id'
const ACCEPTABLE = /^[\w.:@/+=-]{1,128}$/

export function assignRequestId(event: H3Event): string {
  const incoming = config().trustProxy ? getRequestHeader(event, REQUEST_ID_HEADER) : undefined
  const id = incoming && ACCEPTABLE.test(incoming) ? incoming : randomUUID()
  event.context.requestId = id
  return id
}

/** The request's id, for domain calls that record a correlation id (outbox rows, audit entries). */
export function requestIdOf(event: H3Event): string | undefined {
  return event.context.requestId
}

/** The process logger with the request's id on every line, for anything a route logs. */
export function requestLogger(event: H3Event): Logger {
  return useLogger().child({ reqId: requestIdOf(event) })
}

declare module 'h3' {
  interface H3EventContext {
    requestId?: string
  }
}

import { getHeader, type H3Event } from 'h3'
import { config } from '../config/env.ts'
import { useDb } from './db.ts'
import { clientAddress } from './rate-limit.ts'

/** What the account domain functions need from a request. */
export function sessionContext(event: H3Event) {
  return { db: useDb(), secret: config().authSecret, passwordHashCost: config().passwordHashCost, userAgent: getHeader(event, 'user-agent'), ...requestOrigin(event) }
}

/** The caller's address and the request id, recorded with account audit rows. */
export function requestOrigin(event: H3Event): { ip: string, requestId: string | undefined } {
  return { ip: clientAddress(event), requestId: event.context.requestId }
}

import { getHeader, type H3Event } from 'h3'
import { config } from '../config/env.ts'
import { useDb } from './db.ts'

/** What the account domain functions need from a request. */
export function sessionContext(event: H3Event) {
  return { db: useDb(), secret: config().authSecret, userAgent: getHeader(event, 'user-agent') }
}

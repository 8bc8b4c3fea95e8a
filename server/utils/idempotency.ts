// Runs a state-changing route at most once per (user, route, Idempotency-Key). A retry gets the
// first answer — success or refusal — with the header Idempotent-Replayed: true. Without the
// header the action simply runs.
import { getHeader, setResponseHeader, setResponseStatus, type H3Event } from 'h3'
import { claimKey, releaseKey, requestHash, storeAnswer } from '../domain/idempotency/idempotency-keys.ts'
import { DomainError } from '../domain/errors.ts'
import { toApiErrorBody } from './api-error.ts'
import { useDb } from './db.ts'

/** `successStatus` may depend on the result (POST /api/bookings: 201 confirmed, 202 awaiting payment). */
export async function idempotent<T>(event: H3Event, userId: string, scope: string, body: unknown, successStatus: number | ((result: T) => number), action: () => Promise<T>): Promise<T | unknown> {
  const key = getHeader(event, 'idempotency-key')
  const statusOf = (result: T) => (typeof successStatus === 'function' ? successStatus(result) : successStatus)
  if (key === undefined) {
    const result = await action()
    setResponseStatus(event, statusOf(result))
    return result
  }
  if (key.length === 0 || key.length > 200) {
    throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 200 characters.', { issues: [{ path: 'Idempotency-Key', message: 'Use 1 to 200 characters.' }] })
  }
  const db = useDb()
  const ref = { userId, scope, key }
  const stored = await claimKey(db, ref, requestHash(body))
  if (stored) {
    setResponseHeader(event, 'Idempotent-Replayed', 'true')
    setResponseStatus(event, stored.statusCode)
    return stored.body
  }
  try {
    const result = await action()
    await storeAnswer(db, ref, { statusCode: statusOf(result), body: result })
    setResponseStatus(event, statusOf(result))
    return result
  } catch (err) {
    const answer = toApiErrorBody(err)
    // A refusal is an answer too (a retry must not suddenly succeed); a crash decided nothing.
    if (answer.statusCode < 500) await storeAnswer(db, ref, { statusCode: answer.statusCode, body: answer })
    else await releaseKey(db, ref)
    throw err
  }
}

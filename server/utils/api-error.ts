// The one place that turns anything thrown into the contract's error body (docs/API.md, Conventions).
import { isError, setResponseHeader, setResponseStatus, type H3Error, type H3Event } from 'h3'
import { DomainError, type DomainErrorCode } from '../domain/errors.ts'
import type { ApiErrorBody } from '../../shared/types/api-error.ts'
import { isErrorCode, type ErrorCode } from '../../shared/errors/error-codes.ts'

/** Every code's HTTP status. Keyed by the shared list, so a new code without a status fails type-check. */
const STATUS_OF: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  WEBHOOK_SIGNATURE_INVALID: 400,
  BAD_REQUEST: 400,
  RESET_TOKEN_INVALID: 400,
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  INVALID_CREDENTIALS: 401,
  REFRESH_INVALID: 401,
  REFRESH_REUSED: 401,
  PAYMENT_REQUIRED: 402,
  ACCOUNT_DISABLED: 403,
  FORBIDDEN: 403,
  ORIGIN_MISMATCH: 403,
  QUEUE_REQUIRED: 403,
  SCOPE_DENIED: 403,
  NOT_FOUND: 404,
  UNKNOWN_TICKET: 404,
  UNKNOWN_USER: 404,
  NOT_CONFIGURED: 404,
  METHOD_NOT_ALLOWED: 405,
  EMAIL_TAKEN: 409,
  CONFLICT: 409,
  SEATS_UNAVAILABLE: 409,
  SOLD_OUT: 409,
  ALREADY_CHECKED_IN: 409,
  INVENTORY_IN_USE: 409,
  EVENT_CANCELLED: 409,
  EVENT_STARTED: 409,
  TYPE_UNAVAILABLE: 409,
  REFUND_NOT_ALLOWED: 409,
  HOLD_EXPIRED: 410,
  INVITATION_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PROMO_INVALID: 422,
  ANSWERS_REQUIRED: 422,
  WEBHOOK_TARGET_REFUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  NOT_READY: 503,
  PAYMENT_PROVIDER_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
}

/** Codes for errors h3/Nitro raise themselves (no route, wrong method, …). */
const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
}

export function apiError(code: DomainErrorCode, message: string, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, message, details)
}

// Connection-level failures of PostgreSQL: SQLSTATE class 08 (connection exception), 57P01–57P03
// (terminated by an administrator, crash shutdown, cannot connect now), 53300 (too many connections),
// socket errors, and Prisma's own codes for an unreachable or timed-out database.
const DB_DOWN_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', 'P1001', 'P1002', 'P1017', 'P2024'])
const DB_DOWN_MESSAGE = /Connection terminated|connection.*(refused|closed)|Can't reach database|terminating connection|Code: `(08\w{3}|57P0[123]|53300)`/i

function isDatabaseDown(err: unknown, depth = 0): boolean {
  const e = err as { code?: string, originalCode?: string, message?: string, cause?: unknown, meta?: { driverAdapterError?: unknown } } | undefined
  if (!e || typeof e !== 'object' || depth > 4) return false
  const code = e.originalCode ?? e.code ?? ''
  if (DB_DOWN_CODES.has(code) || /^08\w{3}$/.test(code) || DB_DOWN_MESSAGE.test(e.message ?? '')) return true
  // Prisma wraps the driver's error: PrismaClientKnownRequestError → meta.driverAdapterError → cause.
  return isDatabaseDown(e.meta?.driverAdapterError, depth + 1) || isDatabaseDown(e.cause, depth + 1)
}

export function toApiErrorBody(error: unknown): ApiErrorBody {
  const cause = isError(error) ? (error as H3Error).cause : undefined
  const domain = error instanceof DomainError ? error : cause instanceof DomainError ? cause : undefined
  if (domain) {
    return { statusCode: STATUS_OF[domain.code], code: domain.code, message: domain.message, ...(domain.details ? { details: domain.details } : {}) }
  }
  if (isDatabaseDown(error) || isDatabaseDown(cause)) {
    return { statusCode: STATUS_OF.SERVICE_UNAVAILABLE, code: 'SERVICE_UNAVAILABLE', message: 'The service is briefly unavailable; try again in a moment.' }
  }
  if (isError(error) && error.statusCode < 500) {
    const { statusCode } = error
    const data = (error.data ?? {}) as { code?: unknown, details?: Record<string, unknown> }
    const message = statusCode === 404 ? 'There is nothing at this address.'
      : statusCode === 405 ? 'This method is not allowed on this address.'
        : error.statusMessage || error.message
    return { statusCode, code: isErrorCode(data.code) ? data.code : CODE_OF_STATUS[statusCode] ?? 'BAD_REQUEST', message, ...(data.details ? { details: data.details } : {}) }
  }
  return { statusCode: STATUS_OF.INTERNAL_ERROR, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side.' }
}

/** Writes the error's status and headers and returns its JSON body, for the handler to send. */
export function errorResponse(event: H3Event, body: ApiErrorBody): string {
  setResponseStatus(event, body.statusCode)
  setResponseHeader(event, 'Content-Type', 'application/json; charset=utf-8')
  setResponseHeader(event, 'Cache-Control', 'no-store')
  if (body.statusCode === 503) setResponseHeader(event, 'Retry-After', 5)
  return JSON.stringify(body)
}

/**
 * For hot routes whose refusals are the normal answer (a sale rush): answers a domain refusal
 * directly instead of rethrowing it through h3, which wraps every thrown error in an H3Error and
 * captures a stack trace for it. Anything else is rethrown to the error handler as usual.
 */
export async function answeringRefusals<T>(event: H3Event, handler: () => Promise<T>): Promise<T | string> {
  try {
    return await handler()
  } catch (err) {
    if (err instanceof DomainError && STATUS_OF[err.code] < 500) return errorResponse(event, toApiErrorBody(err))
    throw err
  }
}

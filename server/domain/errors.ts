// Domain errors carry a stable machine code from the API contract; server/utils/api-error.ts maps
// each code to its HTTP status in one table, so the domain never speaks HTTP.
export type DomainErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'EMAIL_TAKEN'
  | 'INVALID_CREDENTIALS'
  | 'UNAUTHENTICATED'
  | 'TOKEN_INVALID'
  | 'REFRESH_INVALID'
  | 'REFRESH_REUSED'
  | 'ACCOUNT_DISABLED'
  | 'FORBIDDEN'
  | 'CONFLICT'
  | 'SEATS_UNAVAILABLE'
  | 'SOLD_OUT'
  | 'HOLD_EXPIRED'
  | 'ALREADY_CHECKED_IN'
  | 'UNKNOWN_TICKET'
  | 'UNKNOWN_USER'
  | 'RATE_LIMITED'
  | 'MALFORMED_JSON'
  | 'ORIGIN_MISMATCH'
  | 'INVENTORY_IN_USE'
  | 'EVENT_CANCELLED'
  | 'EVENT_STARTED'
  | 'NOT_CONFIGURED'
  | 'NOT_READY'
  | 'PAYMENT_REQUIRED'
  | 'REFUND_NOT_ALLOWED'
  | 'WEBHOOK_SIGNATURE_INVALID'
  | 'PAYMENT_PROVIDER_UNAVAILABLE'

/**
 * An expected refusal (sold out, not found, …), answered with its contract code. It carries no stack
 * trace: nobody reads one for an outcome the product chose, and in a sale rush thousands of refusals
 * a second paid for capturing them.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(message) // Error's constructor cannot throw, so the limit is always put back
    Error.stackTraceLimit = limit
    this.name = 'DomainError'
  }
}

// Domain errors carry a stable machine code from the API contract (shared/errors/error-codes.ts);
// server/utils/api-error.ts maps each code to its HTTP status in one table, so the domain never
// speaks HTTP.
import type { ErrorCode } from '../../shared/errors/error-codes.ts'

/** The contract's codes: the domain refuses in the same words the browser reads. */
export type DomainErrorCode = ErrorCode

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

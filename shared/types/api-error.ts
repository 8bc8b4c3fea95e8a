import type { ErrorCode } from '../errors/error-codes'

/** Every error the API answers has this shape (docs/API.md, Conventions). */
export interface ApiErrorBody {
  statusCode: number
  code: ErrorCode
  message: string
  details?: Record<string, unknown>
}

/** One entry of details.issues on a 400 VALIDATION_FAILED. */
export interface ValidationIssue {
  path: string
  message: string
}

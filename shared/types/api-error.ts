/** Every error the API answers has this shape (API.md, Conventions). */
export interface ApiErrorBody {
  statusCode: number
  code: string
  message: string
  details?: Record<string, unknown>
}

/** One entry of details.issues on a 400 VALIDATION_FAILED. */
export interface ValidationIssue {
  path: string
  message: string
}

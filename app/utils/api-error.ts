import type { ApiErrorBody, ValidationIssue } from '#shared/types/api-error'

interface FetchFailure {
  statusCode?: number
  response?: { status?: number }
  data?: unknown
}

/** HTTP status of a failed $fetch, or undefined when the request never got an answer. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const failure = error as FetchFailure
  return failure.response?.status ?? failure.statusCode
}

/** The contract's error body ({ statusCode, code, message, details }) of a failed $fetch, if it sent one. */
export function apiErrorOf(error: unknown): ApiErrorBody | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const data = (error as FetchFailure).data
  if (typeof data !== 'object' || data === null) return undefined
  const body = data as Partial<ApiErrorBody>
  return typeof body.code === 'string' && typeof body.message === 'string' ? body as ApiErrorBody : undefined
}

/** details.issues of a 400 VALIDATION_FAILED answer. */
export function validationIssuesOf(body: ApiErrorBody | undefined): ValidationIssue[] {
  const issues = body?.code === 'VALIDATION_FAILED' ? body.details?.issues : undefined
  return Array.isArray(issues) ? issues.filter((i): i is ValidationIssue => typeof i?.path === 'string' && typeof i?.message === 'string') : []
}

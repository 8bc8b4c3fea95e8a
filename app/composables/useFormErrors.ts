import type { z } from 'zod'
import type { ErrorCode } from '#shared/errors/error-codes'

/**
 * Field-level and form-level messages for one form, filled from the shared zod schema on the
 * client and from the API's answer (VALIDATION_FAILED issues, or `codeMessages` for known codes).
 */
export function useFormErrors() {
  const fieldErrors = ref<Record<string, string>>({})
  const formError = ref('')

  function clear() {
    fieldErrors.value = {}
    formError.value = ''
  }

  function setField(path: string, message: string) {
    const field = path.split('.')[0] || ''
    if (field && !fieldErrors.value[field]) fieldErrors.value[field] = message
    else if (!field) formError.value ||= message
  }

  /** Validates with the shared schema; on failure shows the issues and returns undefined. */
  function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> | undefined {
    clear()
    const result = schema.safeParse(input)
    if (result.success) return result.data
    for (const issue of result.error.issues) setField(issue.path.map(String).join('.'), issue.message)
    return undefined
  }

  function fromApi(error: unknown, codeMessages: Partial<Record<ErrorCode, { field?: string, message: string }>> = {}) {
    clear()
    const body = apiErrorOf(error)
    const known = body ? codeMessages[body.code] : undefined
    const issues = validationIssuesOf(body)
    if (known) setField(known.field ?? '', known.message)
    else if (issues.length) for (const issue of issues) setField(issue.path, issue.message)
    else formError.value = body?.message ?? fallbackMessage(error)
  }

  /** Moves focus to the first field marked invalid, so keyboard and screen reader users land on it. */
  async function focusFirstInvalid(form: HTMLElement | null | undefined) {
    await nextTick()
    form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }

  return { fieldErrors, formError, clear, validate, fromApi, focusFirstInvalid }
}

function fallbackMessage(error: unknown): string {
  return statusOf(error) === undefined
    ? 'Bookify could not be reached. Check your connection and try again.'
    : 'Something went wrong on our side. Please try again.'
}

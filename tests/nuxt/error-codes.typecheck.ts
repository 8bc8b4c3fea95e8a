// Compiled by `npm run typecheck` (the app's tsconfig includes tests/nuxt), never run. Every
// expect-error directive below must stay an error: if error codes lost their typing (ApiErrorBody.code back
// to string, a helper taking any string), the directive would be unused and type-check would fail.
import { apiErrorOf } from '~/utils/api-error'
import { useFormErrors } from '~/composables/useFormErrors'

export function comparesThroughApiErrorOf(error: unknown): string[] {
  const body = apiErrorOf(error)
  const seen: string[] = []
  if (body?.code === 'SEATS_UNAVAILABLE') seen.push('known v1 code')
  if (body?.code === 'PROMO_INVALID') seen.push('known v1.1 code')
  // @ts-expect-error a misspelled code has no overlap with ErrorCode
  if (body?.code === 'SEATS_UNAVAILABEL') seen.push('typo')
  // @ts-expect-error a code the contract does not have
  if (body?.code !== 'SEAT_TAKEN') seen.push('unknown code')
  return seen
}

export function mapsCodesToFormMessages(error: unknown): void {
  const { fromApi } = useFormErrors()
  fromApi(error, { EMAIL_TAKEN: { field: 'email', message: 'taken' } })
  // @ts-expect-error a misspelled code is not a key of the code → message map
  fromApi(error, { EMAIL_TAKNE: { field: 'email', message: 'taken' } })
}

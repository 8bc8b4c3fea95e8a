// Compiled by `npm run typecheck` (tsconfig.tools.json includes tests/), never run. Every
// expect-error directive must stay an error: if the domain's codes stopped being the shared list, the
// directive would be unused and type-check would fail.
import { DomainError } from '../../server/domain/errors.ts'
import { apiError } from '../../server/utils/api-error.ts'
import type { ApiErrorBody } from '../../shared/types/api-error.ts'
import type { ErrorCode } from '../../shared/errors/error-codes.ts'

export const known = [new DomainError('SOLD_OUT', 'gone'), apiError('RESET_TOKEN_INVALID', 'used')]

// @ts-expect-error the domain cannot refuse with a code the contract lacks
export const typo = new DomainError('SOLD_OTU', 'gone')

// @ts-expect-error nor can the route helper
export const typoThroughHelper = apiError('NOT_FUOND', 'nothing')

// @ts-expect-error an error body's code is one of the shared codes
export const body: ApiErrorBody = { statusCode: 409, code: 'SEAT_TAKEN', message: 'taken' }

// A status table keyed by ErrorCode must name every code: this one misses all but one.
// @ts-expect-error missing codes are a type error
export const incomplete: Record<ErrorCode, number> = { SOLD_OUT: 409 }

import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, isErrorCode } from '../../shared/errors/error-codes.ts'
import { DomainError } from '../../server/domain/errors.ts'
import { toApiErrorBody } from '../../server/utils/api-error.ts'

// The "Error codes" table at the end of docs/API.md: status → the codes in backticks on its row.
function documentedStatuses(): Map<string, number> {
  const api = readFileSync('docs/API.md', 'utf8')
  const table = api.slice(api.indexOf('# Error codes'))
  const statuses = new Map<string, number>()
  for (const [, status, codes] of table.matchAll(/^\| (\d{3}) \| (.+) \|$/gm)) {
    for (const [, code] of codes!.matchAll(/`([A-Z][A-Z_]+)`/g)) statuses.set(code!, Number(status))
  }
  return statuses
}

describe('error codes', () => {
  it('answers each code with the status docs/API.md gives it, and the docs name no other code', () => {
    const documented = documentedStatuses()
    const answered = new Map(ERROR_CODES.map(code => [code, toApiErrorBody(new DomainError(code, 'x')).statusCode]))
    expect(Object.fromEntries(answered)).toEqual(Object.fromEntries(documented))
  })

  it('tells a contract code from any other string', () => {
    expect(isErrorCode('SOLD_OUT')).toBe(true)
    expect(isErrorCode('SOLD_OTU')).toBe(false)
    expect(isErrorCode(undefined)).toBe(false)
  })
})

// Checks a real answer against the response schema the OpenAPI document was generated from
// (server/openapi/operations.ts): the status must be one the operation declares (or an error in the
// ApiError shape), and a JSON body must parse under that status's zod schema — strict objects, so a
// field the spec does not describe fails as surely as a missing one.
import { expect } from 'vitest'
import type { z } from 'zod'
import { API_OPERATIONS, type ApiOperation, type ResponseSpec } from '../../server/openapi/operations.ts'
import { apiError } from '../../shared/schemas/responses/common.ts'
import type { Res } from './http.ts'

const isZod = (spec: ResponseSpec): spec is z.ZodType => spec !== null && '_zod' in spec

/** `operation` as in the spec: `GET /api/events/{id}`. Returns the body for chaining. */
export function expectSpecAnswer<T>(operation: string, res: Res<T>): T {
  const [method, path] = operation.split(' ') as [string, string]
  const op = API_OPERATIONS.find(o => o.method === method.toLowerCase() && o.path === path)
  if (!op) throw new Error(`${operation} is not in the OpenAPI route list`)
  const problem = specProblem(op, res)
  expect(problem, `${operation} → ${res.status}: ${problem}`).toBeUndefined()
  return res.body
}

/** Why an answer does not match its operation in the spec, or undefined when it does. */
function specProblem(op: ApiOperation, res: Res): string | undefined {
  if (res.status >= 400) {
    const parsed = apiError.safeParse(res.body)
    return parsed.success ? undefined : `not the ApiError shape: ${parsed.error.message}`
  }
  const spec = op.responses[res.status]
  if (spec === undefined) return `a status the spec does not declare (it declares ${Object.keys(op.responses).join(', ')})`
  let schema: z.ZodType | null | undefined
  if (isZod(spec)) schema = spec
  else if (spec && spec.content) schema = spec.content['application/json']
  if (!schema || !(res.headers.get('content-type') ?? '').includes('json')) return undefined
  const parsed = schema.safeParse(res.body)
  return parsed.success ? undefined : `the body does not match the spec:\n${parsed.error.issues.map(i => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`
}

// Each operation's path as a pattern; operations with fewer parameters first, so the literal
// `/api/events/mine` wins over `/api/events/{id}`.
const MATCHERS = API_OPERATIONS
  .map(op => ({ op, pattern: new RegExp(`^${op.path.replace(/\{[^}]+\}/g, '[^/]+')}$`), params: (op.path.match(/\{/g) ?? []).length }))
  .sort((a, b) => a.params - b.params)

/** The operation a request reached, by method and concrete path (query string ignored). */
export function operationFor(method: string, path: string): ApiOperation | undefined {
  const bare = path.split('?')[0]!
  return MATCHERS.find(m => m.op.method === method.toLowerCase() && m.pattern.test(bare))?.op
}

/**
 * Every answer the integration suite receives from a route in the spec is checked against it
 * (tests/support/http.ts calls this): an answer the spec does not describe fails the test that got it.
 */
export function assertAnswerInSpec(method: string, path: string, res: Res): void {
  const op = operationFor(method, path)
  if (!op) return
  const problem = specProblem(op, res)
  if (problem) throw new Error(`${method} ${path} (${op.method.toUpperCase()} ${op.path}) → ${res.status}: ${problem}`)
}

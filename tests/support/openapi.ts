// Checks a real answer against the response schema the OpenAPI document was generated from
// (server/openapi/operations.ts): the status must be one the operation declares (or an error in the
// ApiError shape), and a JSON body must parse under that status's zod schema — strict objects, so a
// field the spec does not describe fails as surely as a missing one.
import { expect } from 'vitest'
import type { z } from 'zod'
import { API_OPERATIONS, type ResponseSpec } from '../../server/openapi/operations.ts'
import { apiError } from '../../shared/schemas/responses/common.ts'
import type { Res } from './http.ts'

const isZod = (spec: ResponseSpec): spec is z.ZodType => spec !== null && '_zod' in spec

/** `operation` as in the spec: `GET /api/events/{id}`. Returns the body for chaining. */
export function expectSpecAnswer<T>(operation: string, res: Res<T>): T {
  const [method, path] = operation.split(' ') as [string, string]
  const op = API_OPERATIONS.find(o => o.method === method.toLowerCase() && o.path === path)
  if (!op) throw new Error(`${operation} is not in the OpenAPI route list`)
  const where = `${operation} → ${res.status}`
  if (res.status >= 400) {
    const parsed = apiError.safeParse(res.body)
    expect(parsed.success, `${where}: not the ApiError shape: ${parsed.error?.message}`).toBe(true)
    return res.body
  }
  expect(Object.keys(op.responses).map(Number), `${where}: a status the spec does not declare`).toContain(res.status)
  const spec = op.responses[res.status]!
  let schema: z.ZodType | null | undefined
  if (isZod(spec)) schema = spec
  else if (spec && spec.content) schema = spec.content['application/json']
  if (schema && (res.headers.get('content-type') ?? '').includes('json')) {
    const parsed = schema.safeParse(res.body)
    expect(parsed.success, `${where}: the body does not match the spec:\n${parsed.error?.issues.map(i => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`).toBe(true)
  }
  return res.body
}

// Which operation of the route list a request is: the same answer Nitro's router gives, for the
// routes that exist (static segments win over parameters, as in `…/promo-codes/check`).
import { API_OPERATIONS, type ApiOperation } from './operations.ts'

interface Compiled {
  op: ApiOperation
  pattern: RegExp
  /** Static segments count first: `/api/search/index` beats `/api/search/{…}`. */
  specificity: number
}

const escape = (s: string) => s.replace(/[.+?^$()|[\]\\*]/g, '\\$&')

let compiled: Compiled[] | undefined

function table(): Compiled[] {
  compiled ??= API_OPERATIONS.map(op => ({
    op,
    pattern: new RegExp(`^${op.path.split('/').map(seg => (seg.startsWith('{') ? '[^/]+' : escape(seg))).join('/')}/?$`),
    specificity: op.path.split('/').filter(seg => seg && !seg.startsWith('{')).length,
  })).sort((a, b) => b.specificity - a.specificity)
  return compiled
}

/** The operation for `GET /api/events/123?x` (query ignored), or undefined for no route. */
export function matchOperation(method: string, path: string): ApiOperation | undefined {
  const pathname = path.split('?')[0]!
  const lower = method.toLowerCase() === 'head' ? 'get' : method.toLowerCase()
  return table().find(c => c.op.method === lower && c.pattern.test(pathname))?.op
}

// Every API route fed generated malformed, oversized and hostile bodies, query strings, path
// parameters and headers (fast-check, a bounded number of runs per route). Whatever comes in, the
// answer is never a 5xx (a 500 is always a bug) and every refusal has the contract's error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { apiRouteFiles, fillRoute } from '../support/api-routes.ts'
import { baseUrl } from '../support/http.ts'
import { createPublishedEvent, createUsers, type TestEvent, type TestUser } from '../support/fixtures.ts'

const RUNS_PER_ROUTE = 25
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000)

let user: TestUser
let event: TestEvent
const realIds: string[] = []

beforeAll(async () => {
  const [organiser, buyer] = await createUsers(2) as [TestUser, TestUser]
  user = buyer
  event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 20 }, { name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 4 }])
  realIds.push(event.id, event.sections[0]!.id, event.sections[1]!.placeIds[0]!, organiser.id, buyer.id)
})
const statuses = new Map<number, number>()
afterAll(() => console.log(`hostile-input seed ${SEED} (FUZZ_SEED=${SEED} replays it); answers by status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`))

// ── generators ────────────────────────────────────────────────────────────────────────────────────
const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map(c => String.fromCharCode(c)), maxLength })
const HOSTILE = [
  '', ' ', '0', '-1', '1e309', 'NaN', 'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor', 'prototype',
  '../../../etc/passwd', '..%2f..%2f', '%00', '\u0000', "' OR 1=1 --", '"; DROP TABLE users; --', '<script>alert(1)</script>',
  '${7*7}', '{{7*7}}', '\u202e', '💥🔥', 'Ω≈ç√', 'a'.repeat(5000), '9'.repeat(400), '2026-02-30T25:61:00Z', '00000000-0000-0000-0000-000000000000',
]
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), printable(80))
const paramValue = fc.oneof(fc.uuid(), fc.constantFrom(...HOSTILE.filter(Boolean)), fc.constant('REAL').chain(() => fc.constantFrom(...realIds)), printable(40).filter(s => s.length > 0))

const QUERY_KEYS = ['q', 'page', 'pageSize', 'from', 'to', 'city', 'category', 'organiserId', 'format', 'code', 'state', 'error', 'limit', 'status']
const query = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 10 })), fc.oneof(hostileString, fc.integer().map(String))), { maxLength: 6 })
    .map(pairs => `?${new URLSearchParams(pairs).toString()}`),
  fc.constantFrom('?page=%ZZ', '?q=%E0%A4%A', '?pageSize=1&pageSize=2&pageSize=x', '?from[]=1&to[$gt]=2', '?__proto__[admin]=1', `?q=${'x'.repeat(8000)}`),
)

type Body = { kind: 'none' } | { kind: 'raw', text: string, contentType?: string }
const json = (value: unknown) => JSON.stringify(value) ?? 'null'
const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(v => ({ kind: 'raw', text: json(v) }) as Body) },
  { weight: 3, arbitrary: fc.dictionary(fc.constantFrom('email', 'password', 'name', 'eventId', 'holdId', 'seatIds', 'ga', 'quantity', 'title', 'sections', 'startsAt', 'refreshToken', 'locale', 'ticketCode', 'role', 'payment', 'venue'), fc.oneof(hostileString, fc.jsonValue({ maxDepth: 2 }), fc.constant(null).map(() => realIds[0]))).map(v => ({ kind: 'raw', text: json(v) }) as Body) },
  { weight: 2, arbitrary: fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{"a":', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, '\uFEFF{}', '{"email":"a@b.c","email":"x"}')).map(text => ({ kind: 'raw', text }) as Body) },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'application/xml').map(contentType => ({ kind: 'raw', text: '{"email":"a@b.test"}', contentType }) as Body) },
  { weight: 1, arbitrary: fc.constant<Body>({ kind: 'raw', text: `{"q":"${'x'.repeat(1024 * 1024 + 10)}"}` }) },
)

type Auth = 'none' | 'valid' | 'garbage-bearer' | 'garbage-cookie' | 'basic'
const auth = fc.constantFrom<Auth>('none', 'valid', 'valid', 'garbage-bearer', 'garbage-cookie', 'basic')
const extraHeaders = fc.record({
  'idempotency-key': fc.option(printable(260), { nil: undefined }),
  'x-forwarded-for': fc.option(fc.constantFrom('1.2.3.4', 'not-an-ip', '::1, 999.1.1.1', ' , ,'), { nil: undefined }),
  'origin': fc.option(fc.constantFrom('https://evil.example', 'null', 'not a url'), { nil: undefined }),
  'accept': fc.option(fc.oneof(fc.constantFrom('text/html', '*/*', 'application/xml', 'text/event-stream'), printable(40)), { nil: undefined }),
  'x-request-id': fc.option(printable(300), { nil: undefined }),
  'if-none-match': fc.option(printable(60), { nil: undefined }),
}, { requiredKeys: [] })

// ── the check ─────────────────────────────────────────────────────────────────────────────────────
interface Outcome { status: number, contentType: string, text: string }

async function send(method: string, path: string, b: Body, who: Auth, headers: Record<string, string | undefined>): Promise<Outcome | undefined> {
  const h: Record<string, string> = {}
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) h[k] = v
  if (who === 'valid') h.authorization = `Bearer ${user.token}`
  if (who === 'garbage-bearer') h.authorization = 'Bearer eyJhbGciOiJub25lIn0.e30.'
  if (who === 'garbage-cookie') h.cookie = 'bookify_access=%%%; bookify_refresh=; x=' + 'y'.repeat(200)
  if (who === 'basic') h.authorization = 'Basic YWRtaW46YWRtaW4='
  const withBody = b.kind === 'raw' && method !== 'GET' && method !== 'HEAD'
  if (withBody) h['content-type'] = b.contentType ?? 'application/json'
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), 15_000)
  try {
    let res: Response
    try {
      res = await fetch(`${baseUrl()}${path}`, { method, headers: h, body: withBody ? b.text : undefined, redirect: 'manual', signal: controller.signal })
    } catch (err) {
      // The client refused to build the request (an URL or header it will not send): nothing to check.
      if (err instanceof TypeError && !/fetch failed/.test(err.message)) return undefined
      throw err
    }
    const contentType = res.headers.get('content-type') ?? ''
    if (contentType.startsWith('text/event-stream')) {
      await res.body?.cancel()
      return { status: res.status, contentType, text: '' }
    }
    return { status: res.status, contentType, text: await res.text() }
  } finally {
    clearTimeout(timer)
  }
}

function checkOutcome(route: string, outcome: Outcome): void {
  const detail = `${route} → ${outcome.status} ${outcome.text.slice(0, 300)}`
  if (route === '/api/ready' && outcome.status === 503) return // readiness reports a dependency down by design
  expect(outcome.status, detail).toBeLessThan(500)
  if (outcome.status < 400) return
  expect(outcome.contentType, detail).toContain('application/json')
  const error = JSON.parse(outcome.text)
  expect(error.statusCode, detail).toBe(outcome.status)
  expect(typeof error.code, detail).toBe('string')
  expect(typeof error.message, detail).toBe('string')
  expect(outcome.text, detail).not.toMatch(/at .+\.(m?js|ts):\d+|prisma|stack/i)
}

describe('hostile input on every API route', () => {
  const routes = apiRouteFiles()

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(30)
  })

  for (const { method, route, params } of routes) {
    it(`${method} ${route} never answers 5xx`, async () => {
      const paramValues = fc.tuple(...params.map(() => paramValue))
      await fc.assert(
        fc.asyncProperty(paramValues, query, body, auth, extraHeaders, async (values, q, b, who, headers) => {
          const path = fillRoute(route, Object.fromEntries(params.map((name, i) => [name, encodeURIComponent(values[i]!)]))) + q
          const outcome = await send(method, path, b, who, headers)
          if (!outcome) return
          statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1)
          checkOutcome(`${method} ${route}`, outcome)
        }),
        { numRuns: RUNS_PER_ROUTE, seed: SEED + route.length, endOnFailure: true },
      )
    }, 120_000)
  }
})

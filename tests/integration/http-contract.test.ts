// The contract's generic answers (docs/API.md, Conventions) hold for every route.
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { api } from '../support/http.ts'
import { apiRouteFiles, fillRoute } from '../support/api-routes.ts'
import { createUsers, type TestUser } from '../support/fixtures.ts'
import { testBaseUrl } from '../support/lane.ts'

describe('HTTP conventions', () => {
  it('answers an unknown API route with 404 in the error shape', async () => {
    const res = await api('GET', '/api/no-such-thing')
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' })
  })

  it('answers a wrong method with 405', async () => {
    const res = await api('GET', '/api/auth/login')
    expect(res.status).toBe(405)
    expect(res.body).toMatchObject({ statusCode: 405, code: 'METHOD_NOT_ALLOWED' })
  })

  it('answers a 2 MiB body with 413, declared or streamed', async () => {
    const big = JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024), name: 'Big' })
    const res = await api('POST', '/api/auth/register', { rawBody: big })
    expect(res.status).toBe(413)
    expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' })
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 3; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(1024 * 1024)))
        controller.close()
      },
    })
    const streamed = await fetch(`${testBaseUrl()}/api/auth/login`, { method: 'POST', body: chunks, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit)
    expect(streamed.status).toBe(413)
  })

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const res = await api('POST', '/api/auth/login', { rawBody: '{"email": "a@b.test",' })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' })
  })

  it('answers a JSON body of the wrong type with 400 VALIDATION_FAILED', async () => {
    for (const rawBody of ['[]', '"text"', '42', 'null']) {
      const res = await api('POST', '/api/auth/login', { rawBody })
      expect(res.status, rawBody).toBe(400)
      expect(res.body.code).toBe('VALIDATION_FAILED')
    }
  })

  it('answers 404 NOT_FOUND for a malformed or unknown id on every route with a path parameter', { timeout: 90_000 }, async () => {
    const [caller] = await createUsers(1) as [TestUser]
    const routes = apiRouteFiles().filter(r => r.params.length > 0)
    expect(routes.length).toBeGreaterThan(20)
    // An unknown well-formed id reaches the domain; only reads and deletes carry no body to refuse first.
    const cases = [
      ...['not-a-uuid', '12345', 'ABC%20DEF'].flatMap(id => routes.map(r => ({ ...r, id }))),
      ...routes.filter(r => r.method === 'GET' || r.method === 'DELETE').map(r => ({ ...r, id: randomUUID() })),
    ]
    for (const { method, route, params, id } of cases) {
      const path = fillRoute(route, Object.fromEntries(params.map(p => [p, id])))
      const res = await api(method, path, { token: caller.token, ...(method === 'GET' ? {} : { body: {} }) })
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(res.body, `${method} ${path}`).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String) })
    }
  })

  it('answers the health check', async () => {
    expect((await api('GET', '/api/health')).status).toBe(200)
  })
})

describe('GET /api/events', () => {
  it('pages the catalogue in the contract shape', async () => {
    const res = await api('GET', '/api/events?page=1&pageSize=5')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ page: 1, pageSize: 5 })
    expect(Array.isArray(res.body.items)).toBe(true)
    expect(typeof res.body.total).toBe('number')
  })

  it('refuses a page size over 100', async () => {
    const res = await api('GET', '/api/events?pageSize=101')
    expect(res.status).toBe(400)
    expect(res.body.details.issues[0].path).toBe('pageSize')
  })
})

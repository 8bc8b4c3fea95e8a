// Brute-force limits on sign-in (per address and per account) and sign-up (per address), and the
// audit rows of account security events. Runs its own server with rate limits on; it trusts the
// proxy so each test can act from its own client address (X-Forwarded-For).
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import type { RunningServer } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { testDb } from '../support/fixtures.ts'
import { uniqueEmail } from '../support/http.ts'
import { eventually } from '../support/workers.ts'
import { testDatabaseUrl } from '../support/lane.ts'

const PASSWORD = 'correct horse battery'
let server: RunningServer
let addressCounter = 0

beforeAll(async () => {
  server = await startTestServer({
    DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    RATE_LIMITS: 'on', TRUST_PROXY: 'true',
    RATE_LIMIT_LOGIN_PER_IP: '6', RATE_LIMIT_LOGIN_PER_ACCOUNT: '3', RATE_LIMIT_REGISTER_PER_IP: '2',
  })
})
afterAll(() => server?.stop())
// The limits count in fixed one-minute windows: start each test well clear of a window's end, so a
// new window cannot reset a count halfway through.
beforeEach(async () => {
  const intoMinute = Date.now() % 60_000
  if (intoMinute > 50_000) await new Promise(r => setTimeout(r, 60_000 - intoMinute + 100))
}, 15_000)

/** A client address of its own per call site, unique per run (the shared Redis keeps counters for a minute). */
function newAddress(): string {
  addressCounter++
  return `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${addressCounter % 250}`
}

async function post(path: string, body: object, ip: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headers }, body: JSON.stringify(body) })
  return { status: res.status, headers: res.headers, body: await res.json().catch(() => null) as any }
}

async function register(ip: string) {
  const email = uniqueEmail('limits')
  const res = await post('/api/auth/register', { email, password: PASSWORD, name: 'Limited' }, ip)
  expect(res.status).toBe(201)
  return { email, id: res.body.user.id as string }
}

function expectLimited(res: { status: number, headers: Headers, body: any }) {
  expect(res.status).toBe(429)
  expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' })
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
}

describe('sign-in limits', () => {
  it('limits attempts per account across addresses, with the same answer whether the account exists', async () => {
    const { email } = await register(newAddress())
    const unknown = uniqueEmail('nobody')
    const statuses = { known: [] as number[], unknown: [] as number[] }
    let knownLimited, unknownLimited
    for (let i = 0; i < 5; i++) {
      // A new address each time: only the per-account limit can stop this.
      const known = await post('/api/auth/login', { email, password: 'wrong password!' }, newAddress())
      const other = await post('/api/auth/login', { email: unknown, password: 'wrong password!' }, newAddress())
      statuses.known.push(known.status)
      statuses.unknown.push(other.status)
      if (known.status === 429) knownLimited ??= known
      if (other.status === 429) unknownLimited ??= other
    }
    expect(statuses.known).toEqual([401, 401, 401, 429, 429])
    expect(statuses.unknown).toEqual(statuses.known)
    expectLimited(knownLimited!)
    expectLimited(unknownLimited!)
    expect(unknownLimited!.body.message).toBe(knownLimited!.body.message)
    // Even the right password waits for the window: the limit is on the account, not on failures.
    expect((await post('/api/auth/login', { email, password: PASSWORD }, newAddress())).status).toBe(429)
  })

  it('limits attempts per address across accounts, leaving other addresses alone', async () => {
    const ip = newAddress()
    const statuses: number[] = []
    for (let i = 0; i < 8; i++) statuses.push((await post('/api/auth/login', { email: uniqueEmail('spray'), password: 'wrong password!' }, ip)).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 429, 429])
    const { email } = await register(newAddress())
    expect((await post('/api/auth/login', { email, password: PASSWORD }, newAddress())).status).toBe(200)
  })
})

describe('sign-up limits', () => {
  it('limits sign-ups per address', async () => {
    const ip = newAddress()
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await post('/api/auth/register', { email: uniqueEmail('signup'), password: PASSWORD, name: 'Many' }, ip)).status)
    expect(statuses).toEqual([201, 201, 429, 429])
  })
})

describe('account audit entries', () => {
  it('records sign-up, failed and successful sign-in and sign-out with the address and request id', async () => {
    const ip = newAddress()
    const { email, id } = await register(ip)
    const failed = await post('/api/auth/login', { email, password: 'wrong password!' }, ip)
    expect(failed.status).toBe(401)
    const ok = await post('/api/auth/login', { email, password: PASSWORD }, ip, { 'x-request-id': 'audit-test-login-1' })
    expect(ok.status).toBe(200)
    expect(ok.headers.get('x-request-id')).toBe('audit-test-login-1')
    const out = await fetch(`${server.url}/api/auth/logout`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, 'authorization': `Bearer ${ok.body.accessToken}` }, body: JSON.stringify({ refreshToken: ok.body.refreshToken }),
    })
    expect(out.status).toBe(204)

    // The failed sign-in is written without holding up the answer: give it a moment.
    let rows: { action: string, ip: string | null, requestId: string | null }[] = []
    for (let i = 0; i < 20 && rows.length < 4; i++) {
      rows = await testDb().auditLog.findMany({ where: { actorId: id }, orderBy: { createdAt: 'asc' }, select: { action: true, ip: true, requestId: true } })
      if (rows.length < 4) await new Promise(r => setTimeout(r, 100))
    }
    expect(rows.map(r => r.action).sort()).toEqual(['auth.login', 'auth.login_failed', 'auth.logout', 'auth.registered'])
    for (const row of rows) {
      expect(row.ip).toBe(ip)
      expect(row.requestId).toBeTruthy()
    }
    expect(rows.find(r => r.action === 'auth.login')!.requestId).toBe('audit-test-login-1')
  })

  it('records nothing against any account for an unknown address', async () => {
    const { email, id } = await register(newAddress())
    const before = await testDb().auditLog.count({ where: { action: 'auth.login_failed' } })
    expect((await post('/api/auth/login', { email: uniqueEmail('ghost'), password: 'wrong password!' }, newAddress())).status).toBe(401)
    // The marker: a failed sign-in on a real account right after, written the same way. Once its row
    // is there, a row for the unknown address would have been written too.
    expect((await post('/api/auth/login', { email, password: 'wrong password!' }, newAddress())).status).toBe(401)
    await eventually(async () => (await testDb().auditLog.count({ where: { action: 'auth.login_failed', actorId: id } })) === 1, 5_000, 'the marker\'s audit row')
    expect(await testDb().auditLog.count({ where: { action: 'auth.login_failed' } })).toBe(before + 1)
  })
})

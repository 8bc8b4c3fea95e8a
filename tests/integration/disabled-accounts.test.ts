// Disabling an account ends its sessions at once on every web instance, not when its 15-minute
// access token runs out: the disabling instance applies it directly, others hear it over Redis, and
// an instance started later learns it from PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { signAccessToken } from '../../server/domain/accounts/access-tokens.ts'
import { api, baseUrl } from '../support/http.ts'
import { createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import type { RunningServer } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { eventually } from '../support/workers.ts'
import { testDatabaseUrl } from '../support/lane.ts'

const servers: RunningServer[] = []
const start = async () => {
  const server = await startTestServer({ DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url') })
  servers.push(server)
  return server
}
let other: RunningServer
let admin: TestUser

beforeAll(async () => {
  other = await start()
  const [user] = await createUsers(1) as [TestUser]
  await testDb().user.update({ where: { id: user.id }, data: { role: 'ADMIN' } })
  admin = { id: user.id, token: await signAccessToken({ userId: user.id, role: 'ADMIN', familyId: randomUUID() }, inject('authSecret')) }
}, 60_000)
afterAll(() => Promise.all(servers.map(s => s.stop())))

const me = (base: string, token: string) => fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } })

describe('a disabled account', () => {
  it('loses its live access tokens on every instance at once, and gets them back when enabled', { timeout: 60_000 }, async () => {
    const [victim, bystander] = await createUsers(2) as [TestUser, TestUser]
    expect((await api('GET', '/api/me', { token: victim.token })).status).toBe(200)
    expect((await me(other.url, victim.token)).status).toBe(200)

    expect((await api('POST', `/api/admin/users/${victim.id}/disable`, { token: admin.token })).status).toBe(200)
    const refused = await api('GET', '/api/me', { token: victim.token })
    expect(refused.status).toBe(401)
    expect(refused.body).toMatchObject({ code: 'TOKEN_INVALID', details: { reason: 'revoked' } })
    await eventually(async () => (await me(other.url, victim.token)).status === 401, 3_000, 'the other instance to hear of it')
    // An instance started afterwards reads it from PostgreSQL while it boots.
    const later = await start()
    await eventually(async () => (await me(later.url, victim.token)).status === 401, 2_000, 'the later instance to load it')
    // Nobody else is affected.
    expect((await api('GET', '/api/me', { token: bystander.token })).status).toBe(200)
    expect((await me(later.url, bystander.token)).status).toBe(200)

    expect((await api('POST', `/api/admin/users/${victim.id}/enable`, { token: admin.token })).status).toBe(200)
    expect((await api('GET', '/api/me', { token: victim.token })).status).toBe(200)
    await eventually(async () => (await me(other.url, victim.token)).status === 200, 3_000, 'the other instance to hear it was enabled')
    await eventually(async () => (await me(later.url, victim.token)).status === 200, 3_000, 'the later instance to hear it was enabled')
  })

  it('signs a page visitor out instead of rendering with a token that no longer works', { timeout: 30_000 }, async () => {
    const email = `disabled-${randomUUID()}@example.test`
    const registered = await api('POST', '/api/auth/register', { body: { email, password: 'correct horse battery', name: 'Dee Disabled' } })
    expect(registered.status).toBe(201)
    const login = await api('POST', '/api/auth/login', { body: { email, password: 'correct horse battery' } })
    const cookies = login.headers.getSetCookie().map(c => c.split(';')[0]!)
    expect(cookies.map(c => c.split('=')[0]).sort()).toEqual(['bookify_access', 'bookify_refresh'])
    const page = () => fetch(`${baseUrl()}/account`, { headers: { cookie: cookies.join('; '), accept: 'text/html' }, redirect: 'manual' })
    expect((await page()).headers.getSetCookie()).toEqual([]) // a live session renders as it is
    expect((await api('POST', `/api/admin/users/${registered.body.user.id}/disable`, { token: admin.token })).status).toBe(200)
    const cleared = (await page()).headers.getSetCookie()
    expect(cleared.some(c => /^bookify_access=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true)
    expect(cleared.some(c => /^bookify_refresh=;/.test(c) && /Max-Age=0/i.test(c))).toBe(true)
  })
})

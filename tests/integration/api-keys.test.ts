// Organiser API keys (docs/API.md, Integrations): shown once and stored hashed; `Bearer bk_…` acts as
// the owner within the key's scopes (403 SCOPE_DENIED outside them), 401 once revoked or expired;
// every request with a key is in the audit log under the key's name. Rate limits: rate-limits.test.ts.
import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { api } from '../support/http.ts'
import { expectSpecAnswer } from '../support/openapi.ts'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from '../support/fixtures.ts'

type Scope = 'events:read' | 'events:write' | 'orders:read' | 'checkin'

let organiser: TestUser
let stranger: TestUser
let event: TestEvent

beforeAll(async () => {
  [organiser, stranger] = await createUsers(2) as [TestUser, TestUser]
  event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 20 }])
})

async function createKey(owner: TestUser, scopes: Scope[], extra: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/organiser/api-keys', { token: owner.token, body: { name: `Key ${scopes.join('+') || 'none'}`, scopes, ...extra } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return expectSpecAnswer('POST /api/organiser/api-keys', res) as { id: string, name: string, secret: string, prefix: string }
}

/** Polls: a key's request is audited once its answer has gone out. */
async function auditRows(keyId: string, count: number) {
  for (let i = 0; i < 50; i++) {
    const rows = await testDb().auditLog.findMany({ where: { targetId: keyId, action: 'api_key.request' }, orderBy: { createdAt: 'asc' } })
    if (rows.length >= count) return rows
    await new Promise(r => setTimeout(r, 100))
  }
  throw new Error(`fewer than ${count} audit rows for key ${keyId}`)
}

describe('creating and listing keys', () => {
  it('shows the secret once and stores only its sha-256', async () => {
    const key = await createKey(organiser, ['events:read'], { name: 'Website sync' })
    expect(key.secret).toMatch(/^bk_[A-Za-z0-9_-]{43}$/)
    expect(key.secret.startsWith(key.prefix)).toBe(true)
    const row = await testDb().apiKey.findUniqueOrThrow({ where: { id: key.id } })
    expect(row.secretHash).toBe(createHash('sha256').update(key.secret).digest('hex'))
    expect(JSON.stringify(row)).not.toContain(key.secret.slice(12))

    const list = await api('GET', '/api/organiser/api-keys', { token: organiser.token })
    expectSpecAnswer('GET /api/organiser/api-keys', list)
    const listed = list.body.items.find((k: { id: string }) => k.id === key.id)
    expect(listed).toMatchObject({ name: 'Website sync', prefix: key.prefix, scopes: ['events:read'], lastUsedAt: null, revokedAt: null, expiresAt: null })
    expect(JSON.stringify(list.body)).not.toContain(key.secret)
    // Another account sees none of them.
    const theirs = await api('GET', '/api/organiser/api-keys', { token: stranger.token })
    expect(theirs.body.items.map((k: { id: string }) => k.id)).not.toContain(key.id)
  })

  it('refuses a key without a name or scope, with an unknown scope, or an expiry in the past', async () => {
    for (const body of [
      { name: '', scopes: ['events:read'] },
      { name: 'x', scopes: [] },
      { name: 'x', scopes: ['admin'] },
      { name: 'x', scopes: ['checkin'], expiresAt: new Date(Date.now() - 60_000).toISOString() },
    ]) {
      const res = await api('POST', '/api/organiser/api-keys', { token: organiser.token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.code).toBe('VALIDATION_FAILED')
    }
  })

  it('records when a key was last used', async () => {
    const key = await createKey(organiser, ['events:read'])
    const before = Date.now()
    expect((await api('GET', '/api/organiser/events', { token: key.secret })).status).toBe(200)
    const listed = (await api('GET', '/api/organiser/api-keys', { token: organiser.token })).body.items.find((k: { id: string }) => k.id === key.id)
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThanOrEqual(before - 1000)
  })
})

describe('scopes', () => {
  // One route per scope, plus routes no key may use and a public one any key may.
  const ROUTES: { name: string, scope: Scope | 'public' | null, call: (token: string) => Promise<{ status: number, body: any }> }[] = [
    { name: 'GET /api/organiser/events', scope: 'events:read', call: token => api('GET', '/api/organiser/events', { token }) },
    { name: 'GET /api/events/:id/audit', scope: 'events:read', call: token => api('GET', `/api/events/${event.id}/audit`, { token }) },
    { name: 'PATCH /api/events/:id', scope: 'events:write', call: token => api('PATCH', `/api/events/${event.id}`, { token, body: { description: `Edited ${Date.now()}` } }) },
    { name: 'GET /api/events/:id/attendees', scope: 'orders:read', call: token => api('GET', `/api/events/${event.id}/attendees`, { token }) },
    // Reaching the route is what counts: an unknown ticket is the door's own 404.
    { name: 'POST /api/events/:id/checkin', scope: 'checkin', call: token => api('POST', `/api/events/${event.id}/checkin`, { token, body: { ticketCode: 'NOSUCHTICKET' } }) },
    { name: 'POST /api/holds', scope: null, call: token => api('POST', '/api/holds', { token, body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } }) },
    { name: 'GET /api/me', scope: null, call: token => api('GET', '/api/me', { token }) },
    { name: 'POST /api/organiser/api-keys', scope: null, call: token => api('POST', '/api/organiser/api-keys', { token, body: { name: 'Minted by a key', scopes: ['checkin'] } }) },
    { name: 'GET /api/health', scope: 'public', call: token => api('GET', '/api/health', { token }) },
  ]
  const KEYS: Scope[][] = [['events:read'], ['events:write'], ['orders:read'], ['checkin'], ['events:read', 'events:write', 'orders:read', 'checkin']]

  it('lets each key call exactly the routes of its scopes (403 SCOPE_DENIED elsewhere)', { timeout: 60_000 }, async () => {
    const failures: string[] = []
    for (const scopes of KEYS) {
      const key = await createKey(organiser, scopes)
      for (const route of ROUTES) {
        const allowed = route.scope === 'public' || (route.scope !== null && scopes.includes(route.scope))
        const res = await route.call(key.secret)
        const got = res.status === 403 && res.body?.code === 'SCOPE_DENIED' ? 'denied' : res.status < 400 || res.body?.code === 'UNKNOWN_TICKET' ? 'allowed' : `${res.status} ${res.body?.code}`
        if (got !== (allowed ? 'allowed' : 'denied')) failures.push(`[${scopes.join(',')}] ${route.name}: ${got}`)
      }
    }
    expect(failures).toEqual([])
  })

  it('names the scope a route needs when refusing', async () => {
    const key = await createKey(organiser, ['events:read'])
    const res = await api('GET', `/api/events/${event.id}/attendees`, { token: key.secret })
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ code: 'SCOPE_DENIED', details: { required: 'orders:read', scopes: ['events:read'] } })
  })

  it('acts as its owner only: another organiser\'s event stays out of reach', async () => {
    const key = await createKey(stranger, ['events:read', 'events:write', 'orders:read'])
    expect((await api('GET', `/api/events/${event.id}/attendees`, { token: key.secret })).status).toBe(404)
    expect((await api('PATCH', `/api/events/${event.id}`, { token: key.secret, body: { title: 'Hijacked' } })).status).toBe(404)
  })
})

describe('revoked and expired keys', () => {
  it('answers 401 once a key is revoked, and only its owner may revoke it', async () => {
    const key = await createKey(organiser, ['events:read'])
    expect((await api('GET', '/api/organiser/events', { token: key.secret })).status).toBe(200)
    expect((await api('DELETE', `/api/organiser/api-keys/${key.id}`, { token: stranger.token })).status).toBe(404)
    const revoked = await api('DELETE', `/api/organiser/api-keys/${key.id}`, { token: organiser.token })
    expect(revoked.status).toBe(200)
    expectSpecAnswer('DELETE /api/organiser/api-keys/{id}', revoked)
    expect(revoked.body.revokedAt).toEqual(expect.any(String))
    const res = await api('GET', '/api/organiser/events', { token: key.secret })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ code: 'TOKEN_INVALID', details: { reason: 'revoked' } })
  })

  it('answers 401 once a key has expired, and for a key that never existed', async () => {
    const key = await createKey(organiser, ['events:read'], { expiresAt: new Date(Date.now() + 3_600_000).toISOString() })
    expect((await api('GET', '/api/organiser/events', { token: key.secret })).status).toBe(200)
    await testDb().apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const expired = await api('GET', '/api/organiser/events', { token: key.secret })
    expect(expired.status).toBe(401)
    expect(expired.body).toMatchObject({ code: 'TOKEN_INVALID', details: { reason: 'expired' } })
    const unknown = await api('GET', '/api/organiser/events', { token: `bk_${'A'.repeat(43)}` })
    expect(unknown.status).toBe(401)
    expect(unknown.body).toMatchObject({ code: 'TOKEN_INVALID', details: { reason: 'unknown' } })
  })
})

describe('audit', () => {
  it('logs every request made with a key under the key\'s name, refused ones included', async () => {
    const key = await createKey(organiser, ['events:read', 'events:write'], { name: 'CRM sync' })
    expect((await api('PATCH', `/api/events/${event.id}`, { token: key.secret, body: { description: 'Edited by the CRM' } })).status).toBe(200)
    expect((await api('GET', `/api/events/${event.id}/attendees`, { token: key.secret })).status).toBe(403)
    const rows = await auditRows(key.id, 2)
    expect(rows).toHaveLength(2)
    expect(rows.map(r => r.data)).toEqual(expect.arrayContaining([
      expect.objectContaining({ apiKey: { id: key.id, name: 'CRM sync' }, method: 'PATCH', path: `/api/events/${event.id}`, operation: 'PATCH /api/events/{id}', status: 200 }),
      expect.objectContaining({ apiKey: { id: key.id, name: 'CRM sync' }, method: 'GET', operation: 'GET /api/events/{id}/attendees', status: 403 }),
    ]))
    expect(rows.every(r => r.actorId === organiser.id)).toBe(true)

    // The event's own log shows the edit with the key's name.
    const log = await api('GET', `/api/events/${event.id}/audit`, { token: organiser.token })
    expectSpecAnswer('GET /api/events/{id}/audit', log)
    expect(log.body.items).toContainEqual(expect.objectContaining({ action: 'api_key.request', data: expect.objectContaining({ apiKey: { id: key.id, name: 'CRM sync' }, status: 200 }) }))
    expect(log.body.items).toContainEqual(expect.objectContaining({ action: 'event.updated' }))
  })

  it('logs creating and revoking a key', async () => {
    const key = await createKey(organiser, ['checkin'], { name: 'Door tablet' })
    await api('DELETE', `/api/organiser/api-keys/${key.id}`, { token: organiser.token })
    const rows = await testDb().auditLog.findMany({ where: { targetId: key.id }, orderBy: { createdAt: 'asc' } })
    expect(rows.map(r => r.action)).toEqual(['api_key.created', 'api_key.revoked'])
    expect(rows[0]!.data).toMatchObject({ apiKey: { name: 'Door tablet' }, scopes: ['checkin'] })
  })
})

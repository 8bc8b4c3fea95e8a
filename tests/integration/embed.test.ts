// The embeddable booking widget (docs/API.md, Integrations): organisers list the origins allowed to
// frame it (validated, normalised, replaced whole); only the widget's pages name them in
// frame-ancestors, every other answer keeps 'none'; and the widget's session lives in its own
// Partitioned SameSite=None cookies, which the app's own pages and API calls never read.
import { randomUUID } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { api, Browser, uniqueEmail } from '../support/http.ts'
import { expectSpecAnswer } from '../support/openapi.ts'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from '../support/fixtures.ts'
import { PASSWORD } from '../support/event-fixtures.ts'

let organiser: TestUser
let other: TestUser
let event: TestEvent
let otherEvent: TestEvent

beforeAll(async () => {
  [organiser, other] = await createUsers(2) as [TestUser, TestUser]
  event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 20 }])
  otherEvent = await createPublishedEvent(other.id, [{ name: 'Floor', kind: 'GA', capacity: 20 }])
})

const put = (user: TestUser, origins: unknown) => api('PUT', '/api/organiser/embed-origins', { token: user.token, body: { origins } })

describe('GET/PUT /api/organiser/embed-origins', () => {
  it('starts empty, stores the list normalised and replaces it whole', async () => {
    const empty = await api('GET', '/api/organiser/embed-origins', { token: organiser.token })
    expect(expectSpecAnswer('GET /api/organiser/embed-origins', empty)).toEqual({ origins: [] })

    const saved = await put(organiser, ['HTTPS://Shop.Example.COM:443/', 'http://localhost:4000', 'https://shop.example.com', 'http://127.0.0.1:8080'])
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(expectSpecAnswer('PUT /api/organiser/embed-origins', saved)).toEqual({ origins: ['http://127.0.0.1:8080', 'http://localhost:4000', 'https://shop.example.com'] })

    const replaced = await put(organiser, ['https://tickets.example.org', 'https://shop.example.com'])
    expect(replaced.body).toEqual({ origins: ['https://shop.example.com', 'https://tickets.example.org'] })
    const listed = await api('GET', '/api/organiser/embed-origins', { token: organiser.token })
    expect(listed.body).toEqual(replaced.body)
    // Each organiser has their own list.
    expect((await api('GET', '/api/organiser/embed-origins', { token: other.token })).body).toEqual({ origins: [] })

    const audit = await testDb().auditLog.findFirst({ where: { actorId: organiser.id, action: 'embed_origins.updated' }, orderBy: { createdAt: 'desc' } })
    expect(audit?.data).toEqual({ origins: ['https://shop.example.com', 'https://tickets.example.org'] })
  })

  it.each([
    ['plain http off localhost', ['http://shop.example.com']],
    ['a path', ['https://shop.example.com/tickets']],
    ['a query', ['https://shop.example.com?x=1']],
    ['a wildcard', ['https://*.example.com']],
    ['credentials', ['https://user:pw@shop.example.com']],
    ['another scheme', ['ftp://shop.example.com']],
    ['not a URL', ['shop.example.com']],
    ['an empty entry', ['']],
    ['too many', Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`)],
    ['not a list', 'https://shop.example.com'],
  ])('refuses %s with 400 VALIDATION_FAILED and keeps the list', async (_what, origins) => {
    const res = await put(organiser, origins)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_FAILED')
    expectSpecAnswer('PUT /api/organiser/embed-origins', res)
    expect((await api('GET', '/api/organiser/embed-origins', { token: organiser.token })).body.origins).toContain('https://shop.example.com')
  })

  it('needs a signed-in user, not an API key', async () => {
    expect((await api('GET', '/api/organiser/embed-origins')).status).toBe(401)
    expect((await api('PUT', '/api/organiser/embed-origins', { body: { origins: [] } })).status).toBe(401)
    const key = await api('POST', '/api/organiser/api-keys', { token: organiser.token, body: { name: 'All scopes', scopes: ['events:read', 'events:write', 'orders:read', 'checkin'] } })
    const withKey = await api('PUT', '/api/organiser/embed-origins', { token: key.body.secret, body: { origins: [] } })
    expect(withKey.status).toBe(403)
    expect(withKey.body.code).toBe('SCOPE_DENIED')
  })
})

async function page(path: string) {
  const res = await fetch(new URL(path, new Browser().origin), { headers: { accept: 'text/html' } })
  await res.text()
  return { status: res.status, csp: res.headers.get('content-security-policy') ?? '', xfo: res.headers.get('x-frame-options') }
}
const ancestors = (csp: string) => csp.match(/frame-ancestors ([^;]*)/)?.[1]

describe('frame-ancestors', () => {
  beforeAll(async () => {
    expect((await put(organiser, ['https://shop.example.com', 'http://localhost:4000'])).status).toBe(200)
  })

  it('lets the organiser\'s origins frame the event\'s widget page, and nobody else', async () => {
    const widget = await page(`/embed/events/${event.id}`)
    expect(widget.status).toBe(200)
    expect(ancestors(widget.csp)).toBe('http://localhost:4000 https://shop.example.com')
    expect(widget.xfo).toBeNull()
    expect(widget.csp).toContain(`script-src 'self'`) // still the page policy with its hashes
  })

  it('narrows to the host embed.js names when it is on the list, and to none when it is not', async () => {
    const named = await page(`/embed/events/${event.id}?origin=${encodeURIComponent('https://shop.example.com')}`)
    expect(ancestors(named.csp)).toBe('https://shop.example.com')
    const stranger = await page(`/embed/events/${event.id}?origin=${encodeURIComponent('https://evil.example.net')}`)
    expect(ancestors(stranger.csp)).toBe(`'none'`)
    expect(stranger.xfo).toBe('DENY')
  })

  it('keeps \'none\' for an unknown event, an organiser without a list and every other page', async () => {
    for (const path of [`/embed/events/${randomUUID()}`, '/embed/events/not-an-id', `/embed/events/${otherEvent.id}`, `/events/${event.id}`, `/events/${event.id}/book`, '/']) {
      const res = await page(path)
      expect(ancestors(res.csp), path).toBe(`'none'`)
      expect(res.xfo, path).toBe('DENY')
    }
    const json = await api('GET', `/api/events/${event.id}`, { headers: { referer: 'https://shop.example.com/' } })
    expect(ancestors(json.headers.get('content-security-policy') ?? '')).toBe(`'none'`)
  })
})

describe('the widget\'s own session', () => {
  it('signs in with Partitioned SameSite=None cookies that only widget requests read', async () => {
    const email = uniqueEmail('widget')
    expect((await api('POST', '/api/auth/register', { body: { email, password: PASSWORD, name: 'Wanda Widget' } })).status).toBe(201)
    const widget = new Browser()
    const login = await widget.request('POST', '/api/auth/login', { email, password: PASSWORD }, { 'x-bookify-widget': '1' })
    expect(login.status).toBe(200)
    const cookies = login.headers.getSetCookie()
    expect(cookies.some(c => c.startsWith('bookify_access='))).toBe(false)
    const access = cookies.find(c => c.startsWith('bookify_widget_access='))
    expect(access).toMatch(/HttpOnly/i)
    expect(access).toMatch(/Secure/i)
    expect(access).toMatch(/SameSite=None/i)
    expect(access).toMatch(/Partitioned/i)

    expect((await widget.request('GET', '/api/me', undefined, { 'x-bookify-widget': '1' })).body.email).toBe(email)
    // The app's own calls never read the widget's cookies (nor the widget the app's).
    expect((await widget.request('GET', '/api/me')).status).toBe(401)
    // SameSite=None cookies reach us from any site: a foreign Origin is refused.
    const forged = await widget.request('POST', '/api/auth/logout', undefined, { 'x-bookify-widget': '1', 'origin': 'https://evil.example.net' })
    expect(forged.status).toBe(403)
    expect(forged.body.code).toBe('ORIGIN_MISMATCH')

    // The widget's page renders signed in from its cookies, and refreshes them when the access token lapsed.
    const signedIn = await fetch(new URL(`/embed/events/${event.id}`, widget.origin), { headers: { accept: 'text/html', cookie: `bookify_widget_refresh=${widget.cookie('bookify_widget_refresh')}` } })
    const html = await signedIn.text()
    expect(signedIn.headers.getSetCookie().some(c => c.startsWith('bookify_widget_access=') && /Partitioned/i.test(c))).toBe(true)
    expect(html).toContain('Wanda Widget')
  })
})

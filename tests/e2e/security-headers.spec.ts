// The Content-Security-Policy is only worth having if the app runs under it: every page, anonymous
// and signed in, loads and hydrates in Chromium without a single CSP violation.
import { randomBytes } from 'node:crypto'
import { expect, request, test, type BrowserContext, type Page } from '@playwright/test'
import { hydrated } from '../support/e2e-world.ts'

const PASSWORD = 'correct horse battery'
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()

interface Violation { directive: string, blocked: string, sample: string }

/** Records CSP violations in the page (they are events, not always console errors). */
async function watchViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const store: unknown[] = []
    Object.defineProperty(window, '__cspViolations', { value: store })
    document.addEventListener('securitypolicyviolation', (e) => {
      store.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample })
    })
  })
}

async function violationsOn(page: Page, path: string): Promise<Violation[]> {
  const consoleErrors: string[] = []
  page.on('console', (msg) => {
    if (/Content[- ]Security[- ]Policy/i.test(msg.text())) consoleErrors.push(msg.text())
  })
  const res = await page.goto(path)
  expect(res?.status(), path).toBeLessThan(400)
  expect(res?.headers()['content-security-policy'], path).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+(;|$)/)
  // Mounted means hydrated (and every script of the page ran); live pages keep an SSE stream open,
  // so "network idle" would never come.
  await hydrated(page)
  await page.waitForTimeout(300)
  const found = await page.evaluate(() => (window as unknown as { __cspViolations: Violation[] }).__cspViolations)
  return [...found, ...consoleErrors.map(text => ({ directive: 'console', blocked: '', sample: text }))]
}

async function publishedEvent(): Promise<{ eventId: string, organiserEmail: string }> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const organiserEmail = `csp-organiser-${randomBytes(4).toString('hex')}@example.test`
  const registered = await api.post('/api/auth/register', { data: { email: organiserEmail, password: PASSWORD, name: 'Cora Organiser' } })
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` }
  const created = await api.post('/api/events', {
    headers,
    data: {
      title: 'Policy Night', description: 'Strictly no inline scripts.', category: 'Music',
      startsAt: inDays(12), endsAt: inDays(12, 3), timezone: 'Europe/Berlin',
      venue: { name: 'Header Hall', address: 'Nonce Street 1', city: 'Berlin' },
      sections: [
        { name: 'Stalls', kind: 'SEATED', priceCents: 3000, currency: 'EUR', rows: 2, seatsPerRow: 5 },
        { name: 'Floor', kind: 'GA', priceCents: 1500, currency: 'EUR', capacity: 10 },
      ],
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const { id } = await created.json()
  expect((await api.post(`/api/events/${id}/publish`, { headers })).status()).toBe(200)
  await api.dispose()
  return { eventId: id, organiserEmail }
}

test('every page renders and hydrates without a CSP violation', async ({ browser }) => {
  test.setTimeout(90_000)
  const { eventId, organiserEmail } = await publishedEvent()

  const anonymous = await browser.newContext()
  await watchViolations(anonymous)
  for (const path of ['/', '/events', `/events/${eventId}`, '/search?q=policy', '/signin', '/signup', '/developers', `/embed/events/${eventId}`]) {
    const page = await anonymous.newPage()
    expect(await violationsOn(page, path), path).toEqual([])
    await page.close()
  }
  await anonymous.close()

  const organiser = await browser.newContext()
  await watchViolations(organiser)
  expect((await organiser.request.post('/api/auth/login', { data: { email: organiserEmail, password: PASSWORD } })).status()).toBe(200)
  const signedInPages = ['/', '/account', '/bookings', `/events/${eventId}`, `/events/${eventId}/book`, '/organise', '/organise/new', '/organise/embed', `/organise/${eventId}`, `/organise/${eventId}/edit`]
  for (const path of signedInPages) {
    const page = await organiser.newPage()
    expect(await violationsOn(page, path), path).toEqual([])
    await page.close()
  }
  await organiser.close()
})

test('pages and API answers carry the security headers', async ({ request: api }) => {
  for (const path of ['/', '/api/health', '/api/events']) {
    const headers = (await api.get(path)).headers()
    expect(headers['x-content-type-options'], path).toBe('nosniff')
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin')
    expect(headers['permissions-policy'], path).toContain('camera=(self)')
    expect(headers['content-security-policy'], path).toContain(`frame-ancestors 'none'`)
    expect(headers['content-security-policy'], path).not.toContain('unsafe-eval')
    expect(headers['x-request-id'], path).toMatch(/^[0-9a-f-]{36}$/)
    // The test server runs on plain-http localhost: no HSTS there.
    expect(headers['strict-transport-security'], path).toBeUndefined()
  }
})

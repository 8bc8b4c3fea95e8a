// The booking widget on an organiser's own site: a host page on another origin (localhost, while the
// app is on 127.0.0.1: another site, so the frame is third-party and its cookies are partitioned)
// embeds it with the one-line snippet; a visitor signs up inside the frame, books, and the host page
// receives the confirmation. A site that is not on the organiser's list cannot frame it at all.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { PASSWORD, publishedEvent, signedIn } from '../support/e2e-people.ts'
import { axeViolations } from '../support/e2e-world.ts'

const APP = process.env.E2E_BASE_URL!

/** A tiny shop site on localhost that embeds the widget and records what it hears. */
async function hostSite(eventId: string): Promise<{ origin: string, close: () => Promise<void> }> {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body>
<h1>Our shop</h1>
<script src="${APP}/embed.js" data-event="${eventId}"></script>
<script>
  window.heard = []; window.booked = null
  addEventListener('message', function (e) { if (e.origin === ${JSON.stringify(new URL(APP).origin)}) window.heard.push(e.data) })
  document.addEventListener('bookify:booked', function (e) { window.booked = e.detail })
</script>
</body></html>`
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  await new Promise<void>(resolve => server.listen(0, 'localhost', resolve))
  const { port } = server.address() as AddressInfo
  return { origin: `http://localhost:${port}`, close: () => new Promise(resolve => server.close(() => resolve())) }
}

async function allowOrigins(headers: Record<string, string>, origins: string[]) {
  const res = await fetch(`${APP}/api/organiser/embed-origins`, { method: 'PUT', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ origins }) })
  expect(res.status, await res.text()).toBe(200)
}

test('a visitor books inside the widget on an allowed site, and the site hears of it', async ({ browser }) => {
  const event = await publishedEvent('Fado by the River', [{ name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 30 }])
  const site = await hostSite(event.id)
  await allowOrigins(event.organiser, [site.origin])
  const context = await browser.newContext()
  const page = await context.newPage()
  // Uncaught errors of the frame too (site storage is blocked there: it once failed the confirm).
  const errors: string[] = []
  page.on('pageerror', error => errors.push(error.message))
  try {
    await page.goto(site.origin)
    const widget = page.frameLocator('iframe.bookify-widget')
    await expect(widget.getByRole('heading', { name: 'Sign in to book' })).toBeVisible()
    expect(await axeViolations(page), 'widget, sign-in').toEqual([])
    await widget.getByRole('button', { name: 'New to Bookify? Create an account' }).click()
    await widget.getByLabel('Name').fill('Hana Host')
    await widget.getByLabel('E-mail').fill(`hana-${Date.now()}@example.test`)
    await widget.getByLabel('Password').fill(PASSWORD)
    await widget.getByRole('button', { name: 'Create account' }).click()

    // Signed in within the frame (its partitioned cookies): the app's own booking flow.
    const more = widget.getByRole('button', { name: 'One more Standing ticket' })
    await more.click()
    await more.click()
    await expect(widget.getByRole('region', { name: 'Your choice' })).toContainText('€40')
    expect(await axeViolations(page), 'widget, choosing').toEqual([])
    await widget.getByRole('button', { name: 'Hold these places' }).click()
    await widget.getByRole('button', { name: 'Confirm booking' }).click()
    await expect(widget.getByRole('heading', { name: 'You\'re booked' })).toBeVisible()
    expect(await axeViolations(page), 'widget, booked').toEqual([])

    const booked = await page.waitForFunction(() => (window as unknown as { booked: unknown }).booked).then(h => h.jsonValue()) as { bookingId: string, eventId: string }
    expect(booked).toEqual({ bookingId: expect.stringMatching(/^[0-9a-f-]{36}$/), eventId: event.id })
    const heard = await page.evaluate(() => (window as unknown as { heard: { type: string }[] }).heard)
    expect(heard).toContainEqual({ type: 'bookify:booking-confirmed', bookingId: booked.bookingId, eventId: event.id })
    // The frame sized itself to its content through the same channel.
    expect(heard.some(m => m.type === 'bookify:resize')).toBe(true)
    const height = await page.locator('iframe.bookify-widget').evaluate(f => f.getBoundingClientRect().height)
    expect(height).toBeGreaterThan(200)

    // The booking is real: the organiser sees it among the attendees.
    const attendees = await (await fetch(`${APP}/api/events/${event.id}/attendees`, { headers: event.organiser })).json()
    expect(JSON.stringify(attendees)).toContain(booked.bookingId)
    // The widget's session stayed in the frame: the app itself, opened first-party, is signed out.
    const me = await context.request.get(`${APP}/api/me`)
    expect(me.status()).toBe(401)
    expect(errors).toEqual([])
  } finally {
    await context.close()
    await site.close()
  }
})

test('a site that is not on the organiser\'s list cannot frame the widget', async ({ browser }) => {
  const event = await publishedEvent('Fado, Members Only', [{ name: 'Standing', kind: 'GA', priceCents: 0, currency: 'EUR', capacity: 5 }])
  const allowed = await hostSite(event.id)
  const stranger = await hostSite(event.id)
  await allowOrigins(event.organiser, [allowed.origin])
  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    const answered = page.waitForResponse(r => r.url().includes(`/embed/events/${event.id}`))
    await page.goto(stranger.origin)
    const res = await answered
    expect(res.headers()['content-security-policy']).toContain(`frame-ancestors 'none'`)
    // Chromium replaces the refused document with its error page: the widget never shows.
    const frame = page.frames().find(f => f !== page.mainFrame())!
    await expect.poll(() => frame.url()).toMatch(/^chrome-error:/)
    await expect(page.frameLocator('iframe.bookify-widget').getByRole('heading', { name: 'Sign in to book' })).toHaveCount(0)
    expect(await page.evaluate(() => (window as unknown as { heard: unknown[] }).heard)).toEqual([])
  } finally {
    await context.close()
    await allowed.close()
    await stranger.close()
  }
})

test('an organiser lists the sites allowed to show the widget on Organise → Booking widget', async ({ browser }) => {
  const { context, page, headers } = await signedIn(browser, 'Wim Widget')
  try {
    await page.goto('/organise')
    await page.getByRole('link', { name: 'Booking widget' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Booking widget' })).toBeVisible()
    await expect(page.getByText(`${APP}/embed.js`)).toBeVisible()
    expect(await axeViolations(page), 'settings').toEqual([])
    const list = page.getByLabel(/^Origins, one a line/)
    await list.fill('http://shop.example.com')
    await page.getByRole('button', { name: 'Save sites' }).click()
    await expect(page.getByRole('alert')).toContainText('Use https://')
    await list.fill('https://Shop.Example.com/\nhttp://localhost:8080')
    await page.getByRole('button', { name: 'Save sites' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
    const saved = await (await fetch(`${APP}/api/organiser/embed-origins`, { headers })).json()
    expect(saved).toEqual({ origins: ['http://localhost:8080', 'https://shop.example.com'] })
    await page.reload()
    await expect(page.getByLabel(/^Origins, one a line/)).toHaveValue('http://localhost:8080\nhttps://shop.example.com')
  } finally {
    await context.close()
  }
})

// The installable, offline-capable app: manifest and service worker, pages and tickets that open
// without a connection, bookings queued offline and sent on reconnect (booked, or taken meanwhile),
// and optimistic profile edits that roll back when the server refuses them.
// Each test has its own browser context, so each starts with no service worker and empty storage.
import { randomBytes } from 'node:crypto'
import { expect, request, test, type Browser, type BrowserContext, type Page } from '@playwright/test'

const PASSWORD = 'correct horse battery'
const DESKTOP = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()

/** Registers through the API and returns a Bearer header (no cookies: exempt from the Origin check). */
async function bearer(name: string): Promise<Record<string, string>> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const res = await api.post('/api/auth/register', { data: { email: `${name.toLowerCase()}-${randomBytes(4).toString('hex')}@example.test`, password: PASSWORD, name } })
  expect(res.status()).toBe(201)
  const headers = { authorization: `Bearer ${(await res.json()).accessToken}` }
  await api.dispose()
  return headers
}

/** A published event with one small seated section; returns its id and seat ids by label ("A1"). */
async function publishedEvent(title: string): Promise<{ id: string, seats: Map<string, string> }> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const headers = await bearer('Olga')
  const created = await api.post('/api/events', {
    headers,
    data: {
      title, description: 'Fado, late.', category: 'Music', startsAt: inDays(10), endsAt: inDays(10, 3), timezone: 'Europe/Lisbon',
      venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' },
      sections: [{ name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 2, seatsPerRow: 4, entrance: 'Door A' }],
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const { id } = await created.json()
  expect((await api.post(`/api/events/${id}/publish`, { headers })).status()).toBe(200)
  const map = await (await api.get(`/api/events/${id}/seats`)).json()
  const seats = new Map<string, string>()
  for (const row of map.sections[0].rows) for (const seat of row.seats) seats.set(`${seat.row}${seat.number}`, seat.id)
  await api.dispose()
  return { id, seats }
}

/** Holds and books seats through the API, as a Bearer client or as the context's signed-in user. */
async function book(api: { post: BrowserContext['request']['post'] }, headers: Record<string, string>, eventId: string, seatIds: string[]): Promise<string> {
  const hold = await api.post('/api/holds', { headers, data: { eventId, seatIds, ga: [] } })
  expect(hold.status(), await hold.text()).toBe(201)
  const booking = await api.post('/api/bookings', { headers, data: { holdId: (await hold.json()).id } })
  expect(booking.status(), await booking.text()).toBe(201)
  return (await booking.json()).id
}

async function signedIn(browser: Browser, name: string, viewport = DESKTOP): Promise<{ context: BrowserContext, page: Page }> {
  const context = await browser.newContext({ viewport })
  const res = await context.request.post('/api/auth/register', { data: { email: `buyer-${randomBytes(4).toString('hex')}@example.test`, password: PASSWORD, name } })
  expect(res.status()).toBe(201)
  return { context, page: await context.newPage() }
}

/** Waits until the service worker controls the page (it claims pages after a reload). */
async function controlledBySw(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await page.reload()
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated')
}

/** Whether utils/idb.ts has stored `key` in `store` (read with the raw API, as a second opinion). */
function storedInIdb(page: Page, store: string, key: string): Promise<boolean> {
  return page.evaluate(([store, key]) => new Promise<boolean>((resolve) => {
    const open = indexedDB.open('bookify')
    open.onsuccess = () => {
      const db = open.result
      if (!db.objectStoreNames.contains(store!)) return resolve(false)
      const get = db.transaction(store!).objectStore(store!).get(key!)
      get.onsuccess = () => resolve(get.result !== undefined)
      get.onerror = () => resolve(false)
    }
    open.onerror = () => resolve(false)
  }), [store, key])
}

const seat = (page: Page, label: string, state: string) => page.getByRole('button', { name: new RegExp(`^Row ${label[0]} seat ${label.slice(1)}, .*, ${state}$`) })
const qrLoaded = (page: Page) => page.getByRole('img', { name: /^QR code of the ticket for/ }).first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)

// Uncaught exceptions and hydration mismatches fail a test even when the page looks right.
let problems: string[] = []
function watch(page: Page) {
  page.on('pageerror', error => problems.push(error.message))
  page.on('console', (message) => {
    if (/hydration/i.test(message.text())) problems.push(`${message.text()} (${page.url()})`)
  })
}
test.beforeEach(() => { problems = [] })
test.afterEach(() => { expect(problems).toEqual([]) })

test('the manifest is valid and the service worker takes control', async ({ browser }) => {
  const context = await browser.newContext()
  const page = await context.newPage()
  watch(page)
  await page.goto('/')
  const href = await page.locator('link[rel="manifest"]').getAttribute('href')
  expect(href).toBeTruthy()
  const res = await context.request.get(href!)
  expect(res.ok()).toBe(true)
  const manifest = await res.json()
  expect(manifest).toMatchObject({ name: expect.stringContaining('Bookify'), short_name: 'Bookify', display: 'standalone', start_url: '/', scope: '/', theme_color: '#4338ca' })
  const sizes = manifest.icons.map((i: any) => `${i.sizes} ${i.purpose}`)
  expect(sizes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']))
  for (const image of [...manifest.icons, ...manifest.screenshots]) {
    const file = await context.request.get(image.src)
    expect(file.headers()['content-type'], image.src).toBe('image/png')
  }
  expect(manifest.screenshots.map((s: any) => s.form_factor).sort()).toEqual(['narrow', 'wide'])

  await controlledBySw(page)
  // The worker never answers the API: offline, an API request fails instead of getting a page.
  await context.setOffline(true)
  const answer = await page.evaluate(() => fetch('/api/me').then(r => `status ${r.status}`, () => 'network error'))
  expect(answer).toBe('network error')
  await context.close()
})

test('offline, a visited event page, my bookings and a ticket with its QR still open', async ({ browser }) => {
  const event = await publishedEvent('Fado without a signal')
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const { context, page } = await signedIn(browser, `Olive ${name}`, viewport)
    watch(page)
    const origin = { origin: process.env.E2E_BASE_URL! }
    const bookingId = await book(context.request, origin, event.id, [event.seats.get(name === 'desktop' ? 'A1' : 'A2')!])

    await page.goto('/')
    await controlledBySw(page)
    await page.goto(`/events/${event.id}`)
    await expect(page.getByRole('heading', { level: 1, name: 'Fado without a signal' })).toBeVisible()
    await page.goto('/bookings')
    await expect(page.getByRole('link', { name: 'Fado without a signal' })).toBeVisible()
    await page.goto(`/bookings/${bookingId}`)
    await expect.poll(() => qrLoaded(page)).toBeGreaterThan(0)
    await expect.poll(() => storedInIdb(page, 'events', event.id)).toBe(true)
    await expect.poll(() => page.getByRole('img', { name: /^QR code/ }).getAttribute('src')).toMatch(/^data:image\/svg\+xml/)

    await context.setOffline(true)
    // Reloads come from the service worker's copy of the pages…
    await page.goto(`/events/${event.id}`)
    await expect(page.getByRole('heading', { level: 1, name: 'Fado without a signal' })).toBeVisible()
    await expect(page.getByText("You're offline.")).toBeVisible()
    await page.screenshot({ path: `/tmp/bookify-offline-event-${name}.png`, fullPage: true })
    await page.goto('/bookings')
    await expect(page.getByRole('heading', { name: 'My bookings' })).toBeVisible()
    // …and moving inside the app reads the booking from IndexedDB.
    await page.getByRole('link', { name: 'Fado without a signal' }).click()
    await expect(page.getByText("You're offline: this booking as saved on this device.")).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Your ticket' })).toBeVisible()
    await expect(page.getByRole('img', { name: `QR code of the ticket for Stalls · Row A seat ${name === 'desktop' ? 1 : 2}` })).toBeVisible()
    await expect.poll(() => qrLoaded(page)).toBeGreaterThan(0)
    await expect(page.getByText('Entrance: Door A')).toBeVisible()
    await page.screenshot({ path: `/tmp/bookify-offline-ticket-${name}.png`, fullPage: true })
    await page.getByRole('heading', { name: 'Your ticket' }).evaluate(h => h.scrollIntoView())
    await page.screenshot({ path: `/tmp/bookify-manifest-${name}.png` }) // the manifest's narrow screenshot (phone)
    await context.close()
  }
})

/** Signed in, with the booking page seen online (its seat map saved), then offline on the event page. */
async function offlineAtBookingPage(browser: Browser, eventId: string) {
  const { context, page } = await signedIn(browser, 'Quentin Queue')
  watch(page)
  await page.goto(`/events/${eventId}`)
  await controlledBySw(page)
  await page.goto(`/events/${eventId}/book`)
  await expect(seat(page, 'A1', 'available')).toBeVisible()
  await expect.poll(() => storedInIdb(page, 'seatMaps', eventId)).toBe(true)
  await page.goto(`/events/${eventId}`)
  await context.setOffline(true)
  // A client-side move: the map comes from the snapshot in IndexedDB.
  await page.getByRole('link', { name: 'Choose seats' }).click()
  await expect(page.getByText("You're offline: this is the seat map as this device last saw it.")).toBeVisible()
  return { context, page }
}

test('a booking made offline is queued, then sent when the connection returns and confirmed', async ({ browser }) => {
  const event = await publishedEvent('Fado on the night train')
  const { context, page } = await offlineAtBookingPage(browser, event.id)
  await seat(page, 'A1', 'available').click()
  await seat(page, 'A2', 'available').click()
  await page.screenshot({ path: '/tmp/bookify-offline-book-desktop.png', clip: { x: 0, y: 0, width: 1280, height: 720 } })
  await page.getByRole('button', { name: 'Book when back online' }).click()
  const pending = page.getByRole('region', { name: 'Pending actions' })
  await expect(pending.getByText('Waiting for a connection')).toBeVisible()
  await expect(pending).toContainText('Stalls · A1, Stalls · A2')
  await page.screenshot({ path: '/tmp/bookify-offline-queued-desktop.png', fullPage: true })

  await context.setOffline(false)
  await expect(pending.getByText('Booked')).toBeVisible()
  await pending.getByRole('link', { name: /^See booking/ }).click()
  await expect(page.getByRole('heading', { name: 'Your 2 tickets' })).toBeVisible()
  await page.goto('/bookings')
  await expect(page.getByRole('region', { name: 'Pending actions' }).getByText('Booked')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Fado on the night train' })).toBeVisible()
  await context.close()
})

test('a queued booking whose seats were taken meanwhile shows the conflict and lets the user choose again', async ({ browser }) => {
  const event = await publishedEvent('Fado for two')
  const { context, page } = await offlineAtBookingPage(browser, event.id)
  await seat(page, 'A3', 'available').click()
  await page.getByRole('button', { name: 'Book when back online' }).click()
  const pending = page.getByRole('region', { name: 'Pending actions' })
  await expect(pending.getByText('Waiting for a connection')).toBeVisible()

  // Meanwhile someone else, online, books that seat.
  const rival = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  await book(rival, await bearer('Rita'), event.id, [event.seats.get('A3')!])
  await rival.dispose()

  await context.setOffline(false)
  await expect(pending.getByText('Those seats were taken')).toBeVisible()
  await page.screenshot({ path: '/tmp/bookify-offline-conflict-desktop.png', fullPage: true })
  await pending.getByRole('button', { name: 'Choose again' }).click()
  await expect(page.getByRole('region', { name: 'Pending actions' })).toHaveCount(0)
  await expect(seat(page, 'A3', 'unavailable, sold')).toBeVisible()
  await seat(page, 'A4', 'available').click()
  await expect(page.getByRole('button', { name: 'Hold these places' })).toBeEnabled()
  await context.close()
})

test('a queued booking can be cancelled before it is sent', async ({ browser }) => {
  const event = await publishedEvent('Fado, maybe')
  const { context, page } = await offlineAtBookingPage(browser, event.id)
  await seat(page, 'B1', 'available').click()
  await page.getByRole('button', { name: 'Book when back online' }).click()
  // Offline, moving inside the app: the list of bookings comes from IndexedDB, the pending one with it.
  await page.getByRole('banner').getByRole('link', { name: 'My bookings' }).click()
  const pending = page.getByRole('region', { name: 'Pending actions' })
  await expect(pending.getByText('Fado, maybe')).toBeVisible()
  await pending.getByRole('button', { name: 'Cancel request' }).click()
  await expect(pending).toHaveCount(0)
  await context.setOffline(false)
  await page.goto(`/events/${event.id}/book`)
  await expect(seat(page, 'B1', 'available')).toBeVisible()
  await context.close()
})

test('a profile edit shows at once and comes back undone, with a message, when the server refuses it', async ({ browser }) => {
  const { context, page } = await signedIn(browser, 'Ada Original')
  watch(page)
  await page.goto('/account')
  await page.route('**/api/me', async (route) => {
    if (route.request().method() !== 'PATCH') return route.continue()
    await new Promise(resolve => setTimeout(resolve, 1_500))
    await route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify({ statusCode: 500, code: 'INTERNAL', message: 'Something went wrong.' }) })
  })
  const header = page.getByRole('banner')
  await page.getByLabel('Name').fill('Ada Renamed')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(header.getByRole('link', { name: 'Ada Renamed' })).toBeVisible({ timeout: 1_000 })

  await expect(page.getByRole('alert')).toContainText('could not be saved')
  await expect(header.getByRole('link', { name: 'Ada Original' })).toBeVisible()
  await expect(page.getByLabel('Name')).toHaveValue('Ada Original')
  await page.screenshot({ path: '/tmp/bookify-profile-rollback-desktop.png', fullPage: true })

  await page.unroute('**/api/me')
  await page.getByLabel('Name').fill('Ada Renamed')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved')
  await page.reload()
  await expect(header.getByRole('link', { name: 'Ada Renamed' })).toBeVisible()
  await context.close()
})

test('the install offer and the update prompt', async ({ browser }) => {
  test.setTimeout(90_000) // two viewports, each waiting for a new service worker to take over
  for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    const context = await browser.newContext({ viewport })
    const page = await context.newPage()
    watch(page)
    await page.goto('/')
    await controlledBySw(page)
    // Chromium offers installation with this event; a test browser never fires it by itself.
    const offer = () => page.evaluate(() => {
      const event = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: () => Promise.resolve(),
        userChoice: Promise.resolve({ outcome: 'dismissed', platform: 'web' }),
      })
      window.dispatchEvent(event)
    })
    await offer()
    const install = page.getByRole('region', { name: 'Install Bookify' })
    await expect(install.getByRole('button', { name: 'Install' })).toBeVisible()
    await page.screenshot({ path: `/tmp/bookify-install-${name}.png` })
    await install.getByRole('button', { name: 'Not now' }).click()
    await expect(install).toHaveCount(0)
    await page.reload()
    await offer()
    await expect(page.getByRole('region', { name: 'Update available' })).toHaveCount(0)
    await expect(install).toHaveCount(0) // "Not now" is remembered

    // A new deployment: the worker script changes, the new worker waits, the page offers to reload.
    // Registering the worker under another URL installs it as a new version beside the active one.
    await page.evaluate(() => navigator.serviceWorker.register('/sw.js?deployment=next').then(() => undefined))
    const update = page.getByRole('region', { name: 'Update available' })
    await expect(update).toBeVisible()
    await page.screenshot({ path: `/tmp/bookify-update-${name}.png` })
    await update.getByRole('button', { name: 'Reload' }).click()
    // The waiting worker takes over and the page reloads under it. Activating it deletes the old
    // precache and the reload fetches the app shell again: on a loaded CI machine that took longer
    // than the default 10 s once (2026-12-07), so this waits up to 30 s.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL).catch(() => ''), { timeout: 30_000 }).toContain('deployment=next')
    await expect(page.getByRole('region', { name: 'Update available' })).toHaveCount(0)
    await context.close()
  }
})

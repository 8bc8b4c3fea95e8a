// The buyer's path: event page → seat map → hold → booking with tickets, while another browser
// watches the same seats turn unavailable live; and a general-admission purchase.
import { randomBytes } from 'node:crypto'
import { expect, request, test, type Browser, type BrowserContext, type Page } from '@playwright/test'

const PASSWORD = 'correct horse battery'
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()

interface Section { name: string, kind: 'SEATED' | 'GA', priceCents: number, currency: string, rows?: number, seatsPerRow?: number, capacity?: number, entrance?: string }

/** Registers through the API and publishes an event as its organiser (Bearer auth: no cookies, no Origin check). */
async function publishedEvent(title: string, sections: Section[]): Promise<string> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const email = `organiser-${randomBytes(4).toString('hex')}@example.test`
  const registered = await api.post('/api/auth/register', { data: { email, password: PASSWORD, name: 'Olga Organiser' } })
  expect(registered.status()).toBe(201)
  const headers = { authorization: `Bearer ${(await registered.json()).accessToken}` }
  const created = await api.post('/api/events', {
    headers,
    data: {
      title, description: 'An evening of fado.\nDoors open at 19:00.', category: 'Music',
      startsAt: inDays(10), endsAt: inDays(10, 3), timezone: 'Europe/Lisbon',
      venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' }, sections,
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const { id } = await created.json()
  expect((await api.post(`/api/events/${id}/publish`, { headers })).status()).toBe(200)
  await api.dispose()
  return id
}

/** A signed-in browser: the context's own request API registers, so its cookies belong to the context. */
async function signedInPage(browser: Browser, name: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext, page: Page }> {
  const context = await browser.newContext({ viewport })
  const email = `buyer-${randomBytes(4).toString('hex')}@example.test`
  const res = await context.request.post('/api/auth/register', { data: { email, password: PASSWORD, name } })
  expect(res.status()).toBe(201)
  return { context, page: await context.newPage() }
}

const seat = (page: Page, row: string, number: number, state: RegExp | string, section = 'Stalls') =>
  page.getByRole('group', { name: new RegExp(`^${section},`) }).getByRole('button', { name: new RegExp(`^Row ${row} seat ${number}, .*, ${typeof state === 'string' ? state : state.source}$`) })

test('a buyer picks two seats, holds and books them while another browser sees them go live', async ({ browser }) => {
  const eventId = await publishedEvent('Fado at the Coliseu', [
    { name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 3, seatsPerRow: 6, entrance: 'Door A' },
    { name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 20 },
  ])
  const buyer = await signedInPage(browser, 'Ada Buyer')
  const watcher = await signedInPage(browser, 'Wes Watcher')

  await watcher.page.goto(`/events/${eventId}/book`)
  await expect(seat(watcher.page, 'A', 3, 'available')).toBeVisible()

  const page = buyer.page
  await page.goto(`/events/${eventId}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Fado at the Coliseu' })).toBeVisible()
  await expect(page.getByText('Rua das Portas 96, Lisbon')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Add to calendar (.ics)' })).toHaveAttribute('href', `/api/events/${eventId}/calendar.ics`)
  await page.getByRole('link', { name: 'Choose seats' }).click()
  await expect(page).toHaveURL(new RegExp(`/events/${eventId}/book$`))

  // Mouse for A3; then the keyboard: one step right to A4 and Space.
  await seat(page, 'A', 3, 'available').click()
  await expect(seat(page, 'A', 3, 'selected')).toHaveAttribute('aria-pressed', 'true')
  await page.keyboard.press('ArrowRight')
  await expect(seat(page, 'A', 4, 'available')).toBeFocused()
  await page.keyboard.press('Space')
  await expect(seat(page, 'A', 4, 'selected')).toHaveAttribute('aria-pressed', 'true')
  const summary = page.getByRole('region', { name: 'Your choice' })
  await expect(summary).toContainText('2 of 10 places')
  await expect(summary).toContainText('€90')

  await summary.getByRole('button', { name: 'Hold these places' }).click()
  const hold = page.getByRole('region', { name: 'Your places are held' })
  await expect(hold).toBeVisible()
  await expect(hold.getByText(/^\d\d:\d\d$/)).toBeVisible()
  await expect(seat(page, 'A', 3, 'held for you')).toBeVisible()

  // The other browser never reloads: its seats change through the live stream.
  await expect(seat(watcher.page, 'A', 3, 'unavailable, held by someone')).toBeVisible({ timeout: 3_000 })
  await expect(seat(watcher.page, 'A', 4, 'unavailable, held by someone')).toBeVisible()

  await hold.getByRole('button', { name: 'Confirm booking' }).click()
  await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Fado at the Coliseu' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Your 2 tickets' })).toBeVisible()
  const qrs = page.getByRole('img', { name: /^QR code of the ticket for Stalls · Row A seat [34]$/ })
  await expect(qrs).toHaveCount(2)
  for (const qr of await qrs.all()) await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0)
  await expect(page.getByText('Entrance: Door A')).toHaveCount(2)

  await expect(seat(watcher.page, 'A', 3, 'unavailable, sold')).toBeVisible({ timeout: 3_000 })
  await expect(seat(watcher.page, 'A', 4, 'unavailable, sold')).toBeVisible()

  await page.getByRole('banner').getByRole('link', { name: 'My bookings' }).click()
  await expect(page.getByRole('link', { name: 'Fado at the Coliseu' })).toBeVisible()
  await buyer.context.close()
  await watcher.context.close()
})

test('a buyer gets three standing tickets with the quantity picker', async ({ browser }) => {
  const eventId = await publishedEvent('Open-air Fado', [{ name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 50 }])
  const { context, page } = await signedInPage(browser, 'Gina GA')
  await page.goto(`/events/${eventId}`)
  await page.getByRole('link', { name: 'Get tickets' }).click()
  const more = page.getByRole('button', { name: 'One more Standing ticket' })
  for (let i = 0; i < 3; i++) await more.click()
  await expect(page.getByRole('spinbutton', { name: 'Standing' })).toHaveValue('3')
  await expect(page.getByRole('region', { name: 'Your choice' })).toContainText('€60')
  await page.getByRole('button', { name: 'Hold these places' }).click()
  await page.getByRole('button', { name: 'Confirm booking' }).click()
  await expect(page.getByRole('heading', { name: 'Your 3 tickets' })).toBeVisible()
  await expect(page.getByRole('img', { name: /^QR code of the ticket for Standing$/ })).toHaveCount(3)

  await page.getByRole('button', { name: 'Cancel booking' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Yes, cancel booking' }).click()
  await expect(page.getByText(/This booking was cancelled/)).toBeVisible()
  await context.close()
})

test('the booking page sends signed-out visitors to sign in first', async ({ page }) => {
  const eventId = await publishedEvent('Fado for members', [{ name: 'Standing', kind: 'GA', priceCents: 0, currency: 'EUR', capacity: 5 }])
  await page.goto(`/events/${eventId}/book`)
  await expect(page).toHaveURL(new RegExp(`/signin\\?next=${encodeURIComponent(`/events/${eventId}/book`).replace(/%2F/g, '(%2F|/)')}$`))
})

test('screenshots of the event, booking and booking pages', async ({ browser }) => {
  const eventId = await publishedEvent('Fado, Guitar and Song', [
    { name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 6, seatsPerRow: 18, entrance: 'Door A' },
    { name: 'Balcony', kind: 'SEATED', priceCents: 3000, currency: 'EUR', rows: 3, seatsPerRow: 10, entrance: 'Door B' },
    { name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 40 },
  ])
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]] as const) {
    const { context, page } = await signedInPage(browser, `Shot ${name}`, viewport)
    await page.goto(`/events/${eventId}`)
    await page.screenshot({ path: `/tmp/bookify-event-${name}.png`, fullPage: true })
    await page.goto(`/events/${eventId}/book`)
    await seat(page, 'C', name === 'desktop' ? 9 : 12, 'available').click()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'One more Standing ticket' }).click()
    await page.screenshot({ path: `/tmp/bookify-book-${name}.png`, fullPage: true })
    await page.getByRole('button', { name: 'Hold these places' }).click()
    await expect(page.getByRole('region', { name: 'Your places are held' })).toBeVisible()
    await page.screenshot({ path: `/tmp/bookify-hold-${name}.png`, fullPage: true })
    await page.getByRole('button', { name: 'Confirm booking' }).click()
    await expect(page.getByRole('heading', { name: 'Your 3 tickets' })).toBeVisible()
    await page.screenshot({ path: `/tmp/bookify-booking-${name}.png`, fullPage: true })
    await context.close()
  }
})

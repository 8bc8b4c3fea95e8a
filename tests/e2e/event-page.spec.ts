// The event page: a cancelled event offers no "Add to calendar"; the install offer appears without
// moving the page under the reader's finger (cumulative layout shift stays under 0.1).
import { expect, test } from '@playwright/test'
import { apiPost, PHONE, publishedEvent, signedIn } from '../support/e2e-people.ts'
import { hydrated } from '../support/e2e-world.ts'

test('a cancelled event hides "Add to calendar"', async ({ page }) => {
  const event = await publishedEvent('Fado, called off', [{ name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 10 }])
  await page.goto(`/events/${event.id}`)
  await expect(page.getByRole('link', { name: 'Add to calendar (.ics)' })).toBeVisible()
  const cancelled = await apiPost(`/api/events/${event.id}/cancel`, event.organiser)
  expect(cancelled.status, cancelled.body).toBe(200)
  await page.reload()
  await expect(page.getByText('This event was cancelled.')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Add to calendar (.ics)' })).toHaveCount(0)
})

test('the install offer does not shift the page', async ({ browser }) => {
  const event = await publishedEvent('Fado, installable', [{ name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 10 }])
  const context = await browser.newContext({ viewport: PHONE })
  const page = await context.newPage()
  await page.goto(`/events/${event.id}`)
  await expect(page.getByRole('link', { name: 'Get tickets' })).toBeVisible()
  await page.evaluate(() => {
    const w = window as unknown as { bookifyShift: number }
    w.bookifyShift = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number, hadRecentInput: boolean }[]) if (!entry.hadRecentInput) w.bookifyShift += entry.value
    }).observe({ type: 'layout-shift', buffered: false })
  })
  // Chromium's offer, as the browser fires it once the page qualifies as installable.
  await page.evaluate(() => {
    const offer = new Event('beforeinstallprompt', { cancelable: true }) as Event & { prompt: () => Promise<void>, userChoice: Promise<unknown> }
    offer.prompt = async () => {}
    offer.userChoice = Promise.resolve({ outcome: 'dismissed' })
    window.dispatchEvent(offer)
  })
  const offer = page.getByRole('region', { name: 'Install Bookify' })
  await expect(offer).toBeVisible()
  await page.waitForTimeout(500)
  expect(await page.evaluate(() => (window as unknown as { bookifyShift: number }).bookifyShift)).toBeLessThan(0.01)
  await offer.getByRole('button', { name: 'Not now' }).click()
  await expect(offer).toHaveCount(0)
  await page.waitForTimeout(300)
  expect(await page.evaluate(() => (window as unknown as { bookifyShift: number }).bookifyShift)).toBeLessThan(0.01)
  await context.close()
})

test('public pages are one cached copy: places left arrive once interactive, a signed-in visitor sees their header in the first HTML', async ({ browser, page }) => {
  const event = await publishedEvent('Fado, cached', [{ name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 10 }])
  // What the server sends an anonymous visitor, cached for everyone: no count of places in it.
  const served = await page.request.get(`/events/${event.id}`, { headers: { accept: 'text/html' } })
  expect(served.headers()['cache-control']).toMatch(/^public/)
  expect(served.headers()['set-cookie']).toBeUndefined()
  expect(await served.text()).not.toContain('places left')
  // The browser shows them once the page is interactive, from the live stream.
  await page.goto(`/events/${event.id}`)
  await expect(page.getByText('10 of 10 places left')).toBeVisible()
  await expect(page.getByRole('cell', { name: '10 of 10' })).toBeVisible()
  await page.goto('/')
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible()

  // Signed in, the first HTML already has the user's own header, and is never for a shared cache.
  const { context, page: own } = await signedIn(browser, 'Carla Cached')
  const first = await own.request.get('/', { headers: { accept: 'text/html' } })
  expect(first.headers()['cache-control']).toBe('private, no-store')
  expect(await first.text()).toContain('Carla Cached')
  await own.goto('/')
  await expect(own.getByRole('link', { name: 'Carla Cached' })).toBeVisible()
  await expect(own.getByRole('link', { name: 'Sign in' })).toHaveCount(0)
  await context.close()
})

test('a first visit keeps the server\'s dates and prices: the browser builds no date or price formatter for them', async ({ browser }) => {
  const event = await publishedEvent('Fado, formatted once', [
    { name: 'Stalls', kind: 'GA', priceCents: 4550, currency: 'EUR', capacity: 10 },
    { name: 'Balcony', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 10 },
  ], { startsAt: new Date(Date.now() + 3_600_000).toISOString(), endsAt: new Date(Date.now() + 4 * 3_600_000).toISOString() }) // first on the home page
  // In the venue's zone, so the page has no second ("your time") line to format.
  const context = await browser.newContext({ timezoneId: 'Europe/Lisbon' })
  const page = await context.newPage()
  // Every Intl formatter built for a price (currency) or an event date (weekday), with or without `new`.
  await page.addInitScript(() => {
    const w = window as unknown as { bookifyFormatters: string[] }
    w.bookifyFormatters = []
    for (const name of ['DateTimeFormat', 'NumberFormat'] as const) {
      const count = (args: unknown[]) => {
        const options = args[1] as Record<string, unknown> | undefined
        if (options?.currency || options?.weekday) w.bookifyFormatters.push(`${name} ${JSON.stringify(options)}`)
      }
      Intl[name] = new Proxy(Intl[name], {
        construct: (target, args) => { count(args); return Reflect.construct(target, args) },
        apply: (target, self, args) => { count(args); return Reflect.apply(target, self, args) },
      }) as never
    }
  })
  for (const path of [`/events/${event.id}`, '/']) {
    const served = await (await page.request.get(path, { headers: { accept: 'text/html' } })).text()
    await page.goto(path)
    await hydrated(page)
    if (path === '/') {
      const card = page.getByRole('article').filter({ hasText: 'Fado, formatted once' })
      await expect(card.getByText('20 of 20 left')).toBeVisible() // counts came, the card updated
      expect(served).toContain(await card.locator('time').innerText())
      expect(served).toContain(await card.getByText(/^from /).innerText())
    } else {
      await expect(page.getByText('20 of 20 places left')).toBeVisible()
      expect(served).toContain(await page.locator('.event-times time').first().innerText())
      for (const price of ['€45.50', '€20', 'from €20']) {
        await expect(page.getByText(price, { exact: true })).toBeVisible()
        expect(served).toContain(price)
      }
    }
    await page.waitForLoadState('networkidle')
    expect(await page.evaluate(() => (window as unknown as { bookifyFormatters: string[] }).bookifyFormatters)).toEqual([])
  }
  await context.close()
})

// A 390×844 phone: the organiser dashboard fits the screen; on the event and booking pages the
// primary action and the running total stay on screen (a sticky bottom bar); a running hold shows a
// countdown banner on every page until it is confirmed or lapses.
import { expect, test, type Page } from '@playwright/test'
import { book, bearer, PHONE, publishedEvent, seat, signedIn } from '../support/e2e-people.ts'

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth)

test('the organiser dashboard and events list fit a 390 px phone', async ({ browser }) => {
  const { context, page, headers } = await signedIn(browser, 'Olga Organiser with a long name', PHONE)
  const created = await context.request.post('/api/events', {
    headers,
    data: {
      title: 'Fado at the Coliseu dos Recreios, a very long evening', description: 'Fado.', category: 'Music',
      startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), endsAt: new Date(Date.now() + 5 * 86_400_000 + 3 * 3_600_000).toISOString(), timezone: 'Europe/Lisbon',
      venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' },
      sections: [{ name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 2, seatsPerRow: 4 }],
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const { id } = await created.json()
  expect((await context.request.post(`/api/events/${id}/publish`, { headers })).status()).toBe(200)
  const buyer = await bearer('Bea Buyer')
  const map = await (await context.request.get(`/api/events/${id}/seats`)).json()
  await book(buyer.headers, id, [map.sections[0].rows[0].seats[0].id])

  await page.goto('/organise')
  await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible()
  await expect(page.getByText('Fado at the Coliseu dos Recreios, a very long evening').first()).toBeVisible()
  expect(await pageWidth(page)).toBeLessThanOrEqual(390)

  await page.goto(`/organise/${id}`)
  await expect(page.getByRole('figure', { name: 'Tickets sold per hour' })).toBeVisible()
  expect(await pageWidth(page)).toBeLessThanOrEqual(390)
  await page.goto(`/organise/${id}?tab=attendees`)
  await expect(page.getByRole('row', { name: /Bea Buyer/ })).toBeAttached()
  expect(await pageWidth(page)).toBeLessThanOrEqual(390)
  await context.close()
})

test('on a phone the primary action and the total stay on screen; a hold shows a countdown on every page', async ({ browser }) => {
  const event = await publishedEvent('Fado with a long description', [
    { name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 8, seatsPerRow: 12 },
    { name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 40 },
  ], { description: 'Fado, late.\n'.repeat(40) })
  const { context, page } = await signedIn(browser, 'Phoebe Phone', PHONE)
  await page.goto(`/events/${event.id}`)
  await expect(page.getByRole('link', { name: 'Choose seats' })).toBeInViewport({ ratio: 1 })
  await expect(page.getByText('from €20').first()).toBeInViewport()

  await page.getByRole('link', { name: 'Choose seats' }).click()
  await seat(page, 'A', 5, 'available').click()
  await seat(page, 'A', 6, 'available').click()
  const hold = page.getByRole('button', { name: 'Hold these places' })
  await expect(hold).toBeInViewport({ ratio: 1 })
  await expect(page.getByText('2 of 10 places')).toBeInViewport({ ratio: 1 })
  await expect(page.getByText('€90', { exact: true })).toBeInViewport({ ratio: 1 })
  await hold.click()
  await expect(page.getByRole('region', { name: 'Your places are held' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Confirm booking' })).toBeInViewport({ ratio: 1 })

  // Elsewhere in the app, a small banner counts down and leads back.
  await page.goto('/events')
  const banner = page.getByRole('region', { name: 'Places held for you' })
  await expect(banner).toBeVisible()
  await expect(banner.getByText(/^\d\d:\d\d$/)).toBeVisible()
  await expect(banner).toBeInViewport()
  await banner.getByRole('link', { name: /Finish booking/ }).click()
  await expect(page).toHaveURL(new RegExp(`/events/${event.id}/book`))
  await page.getByRole('button', { name: 'Confirm booking' }).click()
  await expect(page.getByRole('heading', { name: 'Your 2 tickets' })).toBeVisible()
  await page.goto('/events')
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Places held for you' })).toHaveCount(0)
  await context.close()
})

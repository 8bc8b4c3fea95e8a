// Offline beyond the pages already visited: an event page never opened before shows the app's own
// offline page (what works offline, with links), not the browser's error; and a hold that fails for
// network reasons while the browser still thinks it is online offers to queue the booking, which
// goes through once requests work again, with the seat map following without a reload.
import { expect, request, test, type Page } from '@playwright/test'
import { DESKTOP, PHONE, publishedEvent, seat, signedIn } from '../support/e2e-people.ts'

/** Waits until the service worker controls the page (it claims pages after a reload). */
async function controlledBySw(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await page.reload()
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated')
}

test('an event page never visited, opened offline, shows the app\'s offline page', async ({ browser }) => {
  const event = await publishedEvent('Fado, never seen', [{ name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 10 }])
  const { context, page } = await signedIn(browser, 'Otis Offline', PHONE)
  await page.goto('/')
  await controlledBySw(page)
  await context.setOffline(true)
  await page.goto(`/events/${event.id}`)
  await expect(page.getByRole('heading', { level: 1, name: "You're offline" })).toBeVisible()
  await expect(page.getByText(/This page has not been saved on this device yet/)).toBeVisible()
  await expect(page.getByRole('link', { name: 'My bookings and tickets' })).toHaveAttribute('href', '/bookings')
  await expect(page.getByRole('link', { name: 'Search events' })).toHaveAttribute('href', '/search')
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible()
  await context.setOffline(false)
  await page.getByRole('button', { name: 'Try again' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Fado, never seen' })).toBeVisible()
  await context.close()
})

test('a hold that fails for network reasons offers to queue the booking; the map follows when it goes through', async ({ browser }) => {
  const event = await publishedEvent('Fado on a flaky line', [{ name: 'Stalls', kind: 'SEATED', priceCents: 3000, currency: 'EUR', rows: 2, seatsPerRow: 6 }])
  const { context, page } = await signedIn(browser, 'Flora Flaky', DESKTOP)
  await page.goto(`/events/${event.id}/book`)
  // The browser still says it is online, but requests for holds get no answer.
  await page.route('**/api/holds', route => route.abort('internetdisconnected'))
  await seat(page, 'A', 2, 'available').click()
  await page.getByRole('button', { name: 'Hold these places' }).click()
  const problem = page.getByRole('alert').filter({ hasText: 'could not reach Bookify' })
  await expect(problem).toBeVisible()
  await problem.getByRole('button', { name: 'Book when the connection works' }).click()
  const pending = page.getByRole('region', { name: 'Pending actions' })
  await expect(pending.getByText('Waiting for a connection')).toBeVisible()

  await page.unroute('**/api/holds')
  await expect(pending.getByText('Booked')).toBeVisible({ timeout: 20_000 })
  await expect(seat(page, 'A', 2, 'unavailable, sold')).toBeVisible()
  await context.close()
})

test('a booking queued while Bookify cannot be reached asks the checkout questions first and carries the answers', async ({ browser }) => {
  const event = await publishedEvent('Fado with questions', [{ name: 'Floor', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 50 }])
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const put = await api.put(`/api/events/${event.id}/questions`, {
    headers: event.organiser,
    data: [
      { label: 'How did you hear of us?', kind: 'TEXT', required: true, perAttendee: false },
      { label: 'Name on the ticket', kind: 'TEXT', required: true, perAttendee: true },
    ],
  })
  expect(put.status(), await put.text()).toBe(200)
  const { context, page } = await signedIn(browser, 'Quentin Queued', DESKTOP)
  await page.goto(`/events/${event.id}/book`)
  await page.route('**/api/holds', route => route.abort('internetdisconnected'))
  const more = page.getByRole('button', { name: 'One more Floor ticket' })
  await more.click()
  await more.click()
  await page.getByRole('button', { name: 'Hold these places' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'could not reach Bookify' })).toBeVisible()

  // The questions come before the choice is kept: once for the order, once per attendee.
  const questions = page.getByRole('region', { name: 'A few questions' })
  await questions.getByLabel('How did you hear of us?').fill('A friend')
  await questions.getByRole('group', { name: 'Floor · attendee 1' }).getByLabel('Name on the ticket').fill('Amália')
  await questions.getByRole('group', { name: 'Floor · attendee 2' }).getByLabel('Name on the ticket').fill('Carlos')
  await page.getByRole('button', { name: 'Book when the connection works' }).click()
  const pending = page.getByRole('region', { name: 'Pending actions' })
  await expect(pending.getByText('Waiting for a connection')).toBeVisible()

  await page.unroute('**/api/holds')
  await expect(pending.getByText('Booked')).toBeVisible({ timeout: 20_000 })
  // The organiser's attendee list has both names and the order's answer on each ticket.
  const attendees = await (await api.get(`/api/events/${event.id}/attendees`, { headers: event.organiser })).json() as { items: { answers: Record<string, unknown> }[] }
  const list = await (await api.get(`/api/events/${event.id}/questions`)).json() as { id: string, label: string }[]
  const idOf = (label: string) => list.find(q => q.label === label)!.id
  expect(attendees.items.map(a => a.answers[idOf('Name on the ticket')]).sort()).toEqual(['Amália', 'Carlos'])
  expect(attendees.items.map(a => a.answers[idOf('How did you hear of us?')])).toEqual(['A friend', 'A friend'])
  await api.dispose()
  await context.close()
})

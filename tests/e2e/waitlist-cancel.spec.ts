// Issue 15.16: a waitlist offer dropped by an event cancel tells its holder. Wanda has places offered
// to her from the waitlist, on the open event page, when the organiser calls the event off: the real
// relay and notifications worker tell her in the bell (live) and by e-mail, like the offer itself,
// and the page stops offering places that are gone.
import { expect, test } from '@playwright/test'
import { startMailWorld, type MailWorld } from '../support/e2e-mail.ts'
import { person, publishedEvent } from '../support/e2e-world.ts'

let mail: MailWorld
test.beforeAll(async () => { mail = await startMailWorld() })
test.afterAll(async () => { await mail?.stop() })

test('the holder of a waitlist offer hears when the event\'s cancellation drops it', async ({ browser }) => {
  // Two worker processes start (tsx) and the messages go through RabbitMQ: slower than a page.
  test.setTimeout(180_000)
  const organiser = await person(browser, 'Olga Organiser')
  const event = await publishedEvent(organiser, { title: 'Fado, sold out', sections: [{ name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 1 }] })
  const first = await person(browser, 'Fred First')
  const auth = (p: { token: string }) => ({ authorization: `Bearer ${p.token}` })
  const hold = await first.context.request.post('/api/holds', { headers: auth(first), data: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } })
  expect(hold.status(), await hold.text()).toBe(201)
  const booking = await first.context.request.post('/api/bookings', { headers: auth(first), data: { holdId: (await hold.json()).id } })
  expect(booking.status(), await booking.text()).toBe(201)

  const wanda = await person(browser, 'Wanda Waiting', { viewport: { width: 390, height: 844 } })
  const page = wanda.page
  await page.goto(`/events/${event.id}`)
  await page.getByLabel('Places wanted').selectOption('1')
  await page.getByRole('button', { name: 'Join the waitlist' }).click()
  await expect(page.getByText(/number 1 in line/)).toBeVisible()
  const cancelled = await first.context.request.post(`/api/bookings/${(await booking.json()).id}/cancel`, { headers: auth(first) })
  expect(cancelled.status()).toBe(200)
  await expect(page.getByText('Places were freed up for you.')).toBeVisible()
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications/ })
  await expect(bell).toHaveAttribute('data-live', 'true')

  const off = await organiser.context.request.post(`/api/events/${event.id}/cancel`, { headers: auth(organiser) })
  expect(off.status(), await off.text()).toBe(200)
  // The worker's notice reaches the open page live, which then stops offering the places.
  await expect(page.getByText('Places were freed up for you.')).toHaveCount(0, { timeout: 60_000 })
  await expect(page.getByRole('link', { name: 'Confirm your offered places' })).toHaveCount(0)
  await expect(bell).toHaveAccessibleName(/^Notifications, \d+ unread$/)

  await bell.click()
  const notice = page.getByRole('listitem').filter({ hasText: 'Cancelled: Fado, sold out' })
  await expect(notice).toContainText('the places held for you from the waitlist are released')
  const text = await mail.textOf(wanda.email, /your waitlist places are released/, 60_000)
  expect(text).toContain('nothing to pay')
  expect(wanda.problems).toEqual([])
})

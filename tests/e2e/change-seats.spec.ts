// Issue 15.6: change seats from the booking page. The booking's seats start chosen on the event's live
// map; the buyer lets one go, takes another (in a dearer section), sees the price difference, confirms
// once, and gets new tickets while the old one stops working. A seat taken meanwhile is refused and
// the booking keeps its seats. On a phone, like most buyers.
import { expect, test, type Page } from '@playwright/test'
import { axeViolations, bookSeats, hydrated, person, publishedEvent } from '../support/e2e-world.ts'

const seat = (page: Page, section: string, row: string, number: number, state: string) =>
  page.getByRole('group', { name: new RegExp(`^${section},`) }).getByRole('button', { name: new RegExp(`^Row ${row} seat ${number}, .*, ${state}$`) })

test('a buyer moves one seat of a booking to a dearer section, seeing the difference, in one swap', async ({ browser }) => {
  test.setTimeout(90_000)
  const organiser = await person(browser, 'Olga Organiser')
  const event = await publishedEvent(organiser, {
    sections: [
      { name: 'Stalls', kind: 'SEATED', priceCents: 3500, currency: 'EUR', rows: 2, seatsPerRow: 5 },
      { name: 'Balcony', kind: 'SEATED', priceCents: 5000, currency: 'EUR', rows: 1, seatsPerRow: 4 },
    ],
  })
  const buyer = await person(browser, 'Bea Buyer', { viewport: { width: 390, height: 844 } })
  const booking = await bookSeats(buyer, event.id, 2) // Stalls A1 and A2, €70 at the venue
  const rival = await person(browser, 'Rita Rival')
  const page = buyer.page

  await page.goto(`/bookings/${booking.bookingId}`)
  await hydrated(page)
  await page.getByRole('button', { name: 'Change seats' }).click()
  const change = page.getByRole('region', { name: 'Change seats' })
  await expect(seat(page, 'Stalls', 'A', 1, 'selected')).toBeVisible()
  await expect(seat(page, 'Stalls', 'A', 2, 'selected')).toBeVisible()
  await expect(change).toContainText('2 of 2 seats chosen')
  expect(await axeViolations(page)).toEqual([])

  // A third seat cannot join a two-seat booking: one must go first.
  await seat(page, 'Balcony', 'A', 1, 'available').click()
  await expect(change.getByRole('status')).toHaveText('Your booking has 2 seats. Tap one of your chosen seats to let it go first.')
  await seat(page, 'Stalls', 'A', 2, 'selected').click()
  await expect(change).toContainText('1 of 2 seats chosen')
  await expect(change.getByRole('button', { name: 'Review the change' })).toBeDisabled()
  await seat(page, 'Balcony', 'A', 1, 'available').click()
  await expect(change).toContainText('2 of 2 seats chosen: Stalls A2 → Balcony A1.')
  await expect(change).toContainText('New total €85 (€15 more than €70). You pay the new total at the venue.')

  // Someone else takes Balcony A1 before the buyer confirms: refused, nothing changes.
  const taken = await rival.context.request.post('/api/holds', {
    headers: { authorization: `Bearer ${rival.token}` },
    data: { eventId: event.id, seatIds: [await seatId(rival, event.id, 'Balcony', 'A1')] },
  })
  expect(taken.status(), await taken.text()).toBe(201)
  // The live map drops it from the choice at once, and says so.
  await expect(change.getByRole('status')).toHaveText('Someone else just took Balcony A1. Please choose another seat.')
  await expect(seat(page, 'Balcony', 'A', 1, 'unavailable, held by someone')).toBeVisible()
  await seat(page, 'Balcony', 'A', 2, 'available').click()
  await change.getByRole('button', { name: 'Review the change' }).click()
  const dialog = page.getByRole('dialog', { name: 'Move to these seats?' })
  await expect(dialog).toContainText('Stalls A2 → Balcony A2')
  await expect(dialog).toContainText('New total €85 (€15 more)')
  await dialog.getByRole('button', { name: 'Yes, change my seats' }).click()

  await expect(page.getByRole('status').filter({ hasText: 'Your seats are changed' })).toHaveText('Your seats are changed: Stalls A1, Balcony A2. The moved seats have new tickets below; their old tickets no longer work.')
  await expect(page.getByRole('region', { name: 'Change seats' })).toHaveCount(0)
  await expect(page.getByRole('heading', { name: 'Your 2 tickets' })).toBeVisible()
  await expect(page.getByText('Balcony · Row A seat 2')).toBeVisible()
  await expect(page.getByText('Stalls · Row A seat 2')).toHaveCount(0)
  await expect(page.locator('.booking-page__dl')).toContainText('€85')
  const old = booking.tickets.find(t => t.label === 'A2')!
  const door = await organiser.context.request.post(`/api/events/${event.id}/checkin`, { headers: { authorization: `Bearer ${organiser.token}` }, data: { ticketCode: old.code } })
  expect(door.ok(), 'the old ticket of the moved seat admits nobody').toBe(false)

  // A refused change says why and keeps the seats: the rival's held seat, asked for directly.
  await page.getByRole('button', { name: 'Change seats' }).click()
  await seat(page, 'Stalls', 'A', 1, 'selected').click()
  await seat(page, 'Stalls', 'A', 2, 'available').click()
  await rival.context.request.post('/api/holds', {
    headers: { authorization: `Bearer ${rival.token}` },
    data: { eventId: event.id, seatIds: [await seatId(rival, event.id, 'Stalls', 'A2')] },
  })
  // Whether the live stream or the answer tells first, the seat is not the buyer's.
  await expect(page.getByRole('region', { name: 'Change seats' })).toContainText(/Someone else just took Stalls A2|Stalls A2 was just taken/)
  expect([...buyer.problems, ...rival.problems]).toEqual([])
})

async function seatId(who: { context: { request: { get(url: string): Promise<{ json(): Promise<any> }> } } }, eventId: string, section: string, label: string): Promise<string> {
  const map = await (await who.context.request.get(`/api/events/${eventId}/seats`)).json()
  const found = map.sections.find((s: any) => s.name === section).rows.flatMap((r: any) => r.seats).find((s: any) => s.label === label)
  return found.id
}

// Issue 15.2: a 3-ticket pay-at-venue booking (€105) told the door "Collect payment: €105" on every
// ticket. The door now asks €35 per ticket and the booking's €105 once, marks it paid (cash/card),
// the audit log says who took it, and revenue counts it only once it is paid.
import { expect, test } from '@playwright/test'
import { addToTeam, axeViolations, bookSeats, person, publishedEvent } from '../support/e2e-world.ts'

const PHONE = { width: 390, height: 844 }

test('the door collects €35 per ticket and €105 once for the booking, marks it paid, and revenue follows', async ({ browser }) => {
  const organiser = await person(browser, 'Olga Organiser')
  const event = await publishedEvent(organiser)
  const buyer = await person(browser, 'Bea Buyer')
  const booking = await bookSeats(buyer, event.id, 3)
  const door = await person(browser, 'Dora Door', { viewport: PHONE })
  await addToTeam(organiser, event.id, door.email, 'CHECKIN')

  // Nothing taken yet: the organiser's revenue is €0 with €105 due at the venue.
  await organiser.page.goto('/organise')
  const row = organiser.page.getByRole('row', { name: /Door Night/ })
  await expect(row.getByRole('cell').nth(5)).toHaveText('€0')
  await expect(row.getByRole('cell').nth(6)).toHaveText('€105')

  const page = door.page
  await page.goto(`/organise/${event.id}/checkin`)
  await page.getByLabel('Ticket code').fill(booking.tickets[0]!.code)
  await page.getByRole('button', { name: 'Check in' }).click()
  const result = page.getByRole('status').filter({ hasText: 'ADMITTED' })
  await expect(result).toContainText('Collect for this ticket: €35')
  await expect(result).not.toContainText('Collect payment: €105')
  await expect(result).toContainText('1 of 3 tickets of booking')
  await expect(result).toContainText(`Booking ${booking.reference}: €105 due`)
  expect(await axeViolations(page)).toEqual([])
  await result.getByRole('button', { name: 'Paid in cash' }).click()
  await expect(page.getByText(`Booking ${booking.reference} paid in cash.`)).toBeVisible()
  await expect(result).not.toContainText('Collect for this ticket')

  await page.getByLabel('Ticket code').fill(booking.tickets[1]!.code)
  await page.getByRole('button', { name: 'Check in' }).click()
  const next = page.getByRole('status').filter({ hasText: '2 of 3 tickets' })
  await expect(next).toBeVisible()
  await expect(next).not.toContainText(/Collect|due/)

  await organiser.page.reload()
  await expect(row.getByRole('cell').nth(5)).toHaveText('€105')
  await expect(row.getByRole('cell').nth(6)).toHaveText('€0')
  await organiser.page.goto(`/organise/${event.id}?tab=audit`)
  await expect(organiser.page.getByText(`Dora Door took payment at the door for booking ${booking.reference} (Bea Buyer): €105 in cash`)).toBeVisible()
  expect([...organiser.problems, ...door.problems]).toEqual([])
})

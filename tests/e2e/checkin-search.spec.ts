// Issue 15.7: a guest whose phone died is found by name or booking reference and admitted with one
// tap; a party's tickets are admitted one by one (partial check-in) or all at once.
import { expect, test } from '@playwright/test'
import { addToTeam, axeViolations, bookSeats, person, publishedEvent } from '../support/e2e-world.ts'

test('door staff find a guest by name or reference and admit part of the booking', async ({ browser }) => {
  const organiser = await person(browser, 'Olga Organiser')
  const event = await publishedEvent(organiser)
  const buyer = await person(browser, 'Zeno Quill')
  const booking = await bookSeats(buyer, event.id, 3)
  const door = await person(browser, 'Dora Door', { viewport: { width: 390, height: 844 } })
  await addToTeam(organiser, event.id, door.email, 'CHECKIN')
  const page = door.page

  await page.goto(`/organise/${event.id}/checkin`)
  await page.getByLabel('Name or booking reference').fill('zeno')
  const party = page.getByRole('listitem').filter({ hasText: booking.reference }).first()
  await expect(party.getByRole('button', { name: /^Admit Zeno Quill/ })).toHaveCount(3)
  await expect(party).toContainText(booking.tickets[0]!.code)
  expect(await axeViolations(page)).toEqual([])

  // Two of the three arrive: one tap each.
  await party.getByRole('button', { name: `Admit Zeno Quill, Stalls ${booking.tickets[0]!.label}` }).click()
  await expect(page.getByRole('status').filter({ hasText: 'ADMITTED' })).toContainText('Zeno Quill')
  await party.getByRole('button', { name: `Admit Zeno Quill, Stalls ${booking.tickets[1]!.label}` }).click()
  await expect(page.getByRole('status').filter({ hasText: 'ADMITTED' })).toContainText('2 of 3 tickets')
  await expect(party.getByText('Checked in')).toHaveCount(2)
  await expect(party.getByRole('button', { name: /^Admit Zeno Quill/ })).toHaveCount(1)

  // The last one comes later and is found by the booking reference.
  await page.getByLabel('Name or booking reference').fill(booking.reference.toLowerCase())
  await party.getByRole('button', { name: `Admit Zeno Quill, Stalls ${booking.tickets[2]!.label}` }).click()
  await expect(page.getByRole('status').filter({ hasText: 'ADMITTED' })).toContainText('3 of 3 tickets')
  await expect(party.getByText('Checked in')).toHaveCount(3)
  expect(door.problems).toEqual([])
})

// Issue 15.9: check-in staff see only what they can use — no revenue, no Dashboard, Team or Audit
// tabs, no CSV button that answers 403, and an attendee list of names, places and codes, no e-mails.
import { expect, test } from '@playwright/test'
import { addToTeam, axeViolations, bookSeats, person, publishedEvent } from '../support/e2e-world.ts'

test('check-in staff get the door\'s view of an event, the organiser the whole of it', async ({ browser }) => {
  const organiser = await person(browser, 'Olga Organiser')
  const event = await publishedEvent(organiser)
  const buyer = await person(browser, 'Bea Buyer')
  const booking = await bookSeats(buyer, event.id, 2)
  const door = await person(browser, 'Dora Door')
  await addToTeam(organiser, event.id, door.email, 'CHECKIN')
  const page = door.page

  await page.goto('/organise')
  await expect(page.getByRole('row', { name: /Door Night/ })).toBeVisible()
  await expect(page.getByRole('columnheader', { name: /Revenue/ })).toHaveCount(0)
  await expect(page.getByText('€')).toHaveCount(0)

  for (const tab of ['', '?tab=dashboard', '?tab=team', '?tab=audit']) {
    await page.goto(`/organise/${event.id}${tab}`)
    const tabs = page.getByRole('navigation', { name: 'Event sections' })
    await expect(tabs.getByRole('link')).toHaveText(['Attendees'])
    await expect(page.getByRole('table')).toBeVisible()
  }
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveCount(0)
  await expect(page.getByRole('columnheader', { name: 'E-mail' })).toHaveCount(0)
  const table = page.getByRole('table')
  await expect(table).toContainText(booking.tickets[0]!.code)
  await expect(table).toContainText('Bea Buyer')
  await expect(table).not.toContainText(buyer.email)
  await expect(table).not.toContainText('@')
  expect(await axeViolations(page)).toEqual([])

  const o = organiser.page
  await o.goto(`/organise/${event.id}?tab=attendees`)
  await expect(o.getByRole('navigation', { name: 'Event sections' }).getByRole('link')).toHaveText(['Dashboard', 'Attendees', 'Payments', 'Team', 'Audit log'])
  await expect(o.getByRole('link', { name: 'Export CSV' })).toBeVisible()
  await expect(o.getByRole('table')).toContainText(buyer.email)
  expect([...organiser.problems, ...door.problems]).toEqual([])
})

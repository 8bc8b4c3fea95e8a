// Issue 15.1: the audit log tab rendered a date format Intl refuses (dateStyle with timeZoneName),
// so the tab went blank in the browser and the page was a 500 when loaded directly.
import { expect, test } from '@playwright/test'
import { axeViolations, person, publishedEvent } from '../support/e2e-world.ts'

test('the audit log opens directly and from the tabs, with when and who on each entry', async ({ browser }) => {
  const organiser = await person(browser, 'Audrey Auditor')
  const event = await publishedEvent(organiser)
  const page = organiser.page

  const direct = await page.goto(`/organise/${event.id}?tab=audit`)
  expect(direct?.status()).toBe(200)
  const log = page.getByRole('region', { name: 'Audit log' })
  await expect(log.getByRole('listitem').filter({ hasText: 'Audrey Auditor published the event' })).toBeVisible()
  await expect(log.locator('time').first()).toHaveText(/\d{4}, \d{1,2}:\d{2}\s?[AP]M (GMT|WET|WEST)/)
  expect(await axeViolations(page)).toEqual([])

  await page.getByRole('link', { name: 'Dashboard' }).click()
  await page.getByRole('link', { name: 'Audit log' }).click()
  await expect(log.getByRole('listitem').filter({ hasText: 'created the event' })).toBeVisible()
  expect(organiser.problems).toEqual([])
})

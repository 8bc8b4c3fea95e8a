// Every seat click counts. tests/e2e/payments.spec.ts once held one of two seats clicked in quick
// succession (full run, loaded machine). The server-rendered seat map looked ready before the page's
// scripts had made it interactive, and a click then did nothing: the first of two quick clicks was
// lost. The map now takes clicks only once it is interactive (and not while a hold is being asked
// for, whose answer clears the choice). This spec slows the scripts down the way a loaded machine or
// a slow phone does, and clicks as soon as the seats are on screen.
import { expect, test, type Page } from '@playwright/test'
import { person, publishedEvent } from '../support/e2e-world.ts'

const seat = (page: Page, row: string, number: number, state: string) =>
  page.getByRole('group', { name: /^Stalls,/ }).getByRole('button', { name: new RegExp(`^Row ${row} seat ${number}, .*, ${state}$`) })

test('two quick seat clicks on a map still loading its scripts both reach the hold', async ({ browser }) => {
  test.setTimeout(60_000)
  const organiser = await person(browser, 'Olga Organiser')
  const event = await publishedEvent(organiser)
  const buyer = await person(browser, 'Bea Buyer')
  const page = buyer.page
  // Every script of the app arrives 1.2 s late, as on a slow link or a loaded machine.
  await page.route(/\/_nuxt\/.*\.js(\?|$)/, async (route) => {
    await new Promise(r => setTimeout(r, 1200))
    await route.continue()
  })

  await page.goto(`/events/${event.id}/book`, { waitUntil: 'commit' })
  await seat(page, 'B', 2, 'available').click()
  await seat(page, 'B', 3, 'available').click()
  await expect(seat(page, 'B', 2, 'selected')).toBeVisible()
  await expect(seat(page, 'B', 3, 'selected')).toBeVisible()
  await page.getByRole('button', { name: 'Hold these places' }).click()
  const held = page.getByRole('region', { name: 'Your places are held' })
  await expect(held).toContainText('B2')
  await expect(held).toContainText('B3')
  await expect(held).toContainText('€70')
  expect(buyer.problems).toEqual([])
})

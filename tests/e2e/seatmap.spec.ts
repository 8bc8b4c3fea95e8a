// The seat map on a 390×844 phone: zoom buttons for large maps, a stage marker, seats at least
// 24 px to tap (WCAG 2.2 2.5.8), a hint when the map runs off the screen; and visible feedback when
// someone else takes a chosen seat or the 10-place limit is reached.
import { expect, test, type Locator } from '@playwright/test'
import { apiPost, bearer, DESKTOP, PHONE, publishedEvent, seat, signedIn } from '../support/e2e-people.ts'

/** The seat's own hit area: a tap 11 px from its centre (the seat pitch is 24) still lands on it. */
async function tapTargetWidth(target: Locator): Promise<number> {
  return target.evaluate((el) => {
    const box = el.getBoundingClientRect()
    const cx = box.left + box.width / 2
    const cy = box.top + box.height / 2
    let width = 0
    for (let d = 0; d <= 16; d++) {
      const left = document.elementFromPoint(cx - d, cy)?.closest('[role="button"]')
      const right = document.elementFromPoint(cx + d, cy)?.closest('[role="button"]')
      if (left !== el || right !== el) break
      width = 2 * d
    }
    return width
  })
}

/** Readable on screen, not only announced: a real box in the viewport, not a 1 px screen-reader-only clip. */
async function shownToEveryone(message: Locator) {
  await message.scrollIntoViewIfNeeded()
  await expect(message).toBeInViewport()
  const box = (await message.boundingBox())!
  expect(box.width).toBeGreaterThan(100)
  expect(box.height).toBeGreaterThan(12)
}

test('a large seat map on a phone: stage marker, 24 px seats, a hint when cut off, zoom buttons', async ({ browser }) => {
  const event = await publishedEvent('Fado in the big hall', [{ name: 'Stalls', kind: 'SEATED', priceCents: 3000, currency: 'EUR', rows: 12, seatsPerRow: 40 }])
  const { context, page } = await signedIn(browser, 'Zoe Zoom', PHONE)
  await page.goto(`/events/${event.id}/book`)
  const map = page.getByRole('group', { name: 'Seat map' })
  await expect(map).toBeVisible()
  await expect(page.getByText('Stage', { exact: true })).toBeVisible()

  const a20 = seat(page, 'A', 20, 'available')
  await a20.scrollIntoViewIfNeeded()
  expect(await tapTargetWidth(a20)).toBeGreaterThanOrEqual(24)

  // Wider than the screen: said so, not silently cut off.
  await expect(page.getByText(/The map is wider than your screen/)).toBeVisible()
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)

  const before = (await a20.boundingBox())!.width
  await page.getByRole('button', { name: 'Zoom in' }).click()
  await expect.poll(async () => (await a20.boundingBox())!.width).toBeGreaterThan(before * 1.2)
  await page.getByRole('button', { name: 'Zoom out' }).click()
  await page.getByRole('button', { name: 'Zoom out' }).click()
  await expect.poll(async () => (await a20.boundingBox())!.width).toBeLessThan(before)
  // Zoomed out to the whole map, it fits and the hint goes.
  await page.getByRole('button', { name: 'Show the whole map' }).click()
  await expect(page.getByText(/The map is wider than your screen/)).toHaveCount(0)
  await context.close()
})

test('someone else taking a chosen seat, and the 10-place limit, are said visibly', async ({ browser }) => {
  const event = await publishedEvent('Fado, busy night', [{ name: 'Stalls', kind: 'SEATED', priceCents: 3000, currency: 'EUR', rows: 2, seatsPerRow: 12 }])
  const { context, page } = await signedIn(browser, 'Vera Visible', DESKTOP)
  await page.goto(`/events/${event.id}/book`)
  await seat(page, 'A', 1, 'available').click()
  await expect(seat(page, 'A', 1, 'selected')).toBeVisible()

  const other = await bearer('Otto Other')
  const held = await apiPost('/api/holds', other.headers, { eventId: event.id, seatIds: [event.seats.get('Stalls A1')], ga: [] })
  expect(held.status, held.body).toBe(201)
  await expect(page.getByText(/Someone else just took/)).toBeVisible({ timeout: 5_000 })
  await shownToEveryone(page.getByText(/Someone else just took/))

  for (let n = 1; n <= 10; n++) await seat(page, 'B', n, 'available').click()
  await seat(page, 'B', 11, 'available').click()
  await expect(page.getByText('You can hold up to 10 places at a time.')).toBeVisible()
  await shownToEveryone(page.getByText('You can hold up to 10 places at a time.'))
  await context.close()
})

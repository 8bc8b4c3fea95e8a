// Search where people look for it: a box with suggestions in the header of every page and on the
// home page, both leading to /search; and a free event's price reads "Free" on every card.
import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { Redis } from 'ioredis'
import { createDb, type Db } from '../../server/db/client.ts'
import { refreshSearchIndex } from '../../server/domain/search/refresh.ts'
import { PHONE, publishedEvent } from '../support/e2e-people.ts'
import { hydrated } from '../support/e2e-world.ts'

const tag = `quokka${Array.from(randomBytes(5), b => String.fromCharCode(97 + (b % 26))).join('')}`
const FREE = `Free ${tag} Recital`
const CITY = `Town${tag}`
let db: Db

test.beforeAll(async ({ request }) => {
  await publishedEvent(FREE, [{ name: 'Hall', kind: 'GA', priceCents: 0, currency: 'EUR', capacity: 40 }], { venue: { name: 'Sala', address: 'Rua 1', city: CITY } })
  db = createDb(process.env.E2E_DATABASE_URL!, { max: 2 })
  const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379')
  try {
    await refreshSearchIndex(db, redis, { debounceMs: 0 })
  } finally {
    redis.disconnect()
  }
  await expect.poll(async () => (await (await request.get(`/api/search?q=${tag}`)).json()).total).toBe(1)
})
test.afterAll(async () => { await db?.$disconnect() })

test('the header search box suggests as you type and leads to the results', async ({ page }) => {
  await page.goto('/events')
  const box = page.getByRole('banner').getByRole('combobox', { name: 'Search' })
  await expect(box).toBeEnabled()
  await box.pressSequentially(tag.slice(0, 9), { delay: 30 })
  await expect(page.getByRole('banner').getByRole('option', { name: FREE })).toBeVisible()
  await box.press('ArrowDown')
  await box.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${encodeURIComponent(FREE).replace(/%20/g, '(%20|\\+)')}$`))
  await expect(page.getByRole('region', { name: /events? for/ }).getByRole('link', { name: FREE })).toBeVisible()
})

test('the home page has its own search box, also on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: PHONE })
  const page = await context.newPage()
  await page.goto('/')
  const box = page.getByRole('main').getByRole('combobox', { name: 'Search events' })
  await expect(box).toBeEnabled()
  await box.fill(tag)
  await expect(page.getByRole('main').getByRole('option', { name: FREE })).toBeVisible()
  await box.press('Enter')
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${tag}$`))
  await expect(page.getByRole('region', { name: /events? for/ }).getByRole('link', { name: FREE })).toBeVisible()
  await context.close()
})

test('a free event reads "Free" in the search results as on the event lists', async ({ page }) => {
  await page.goto(`/search?q=${tag}`)
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: FREE }) })
  await expect(card).toContainText('Free')
  await expect(card).not.toContainText('€0')
  await page.goto(`/events?city=${CITY}`)
  const listed = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: FREE }) })
  await expect(listed).toContainText('Free')
  await expect(listed).not.toContainText('€0')
})

test('offline, the header search box suggests from the index this device keeps', async ({ page, context }) => {
  // The search page makes the device's first copy of the index.
  await page.goto('/search')
  await expect(page.getByText('Search also works offline on this device.')).toBeVisible()
  // Another page, opened afresh: its header box loads the offline search code only when it needs it.
  await page.goto('/events')
  // The service worker has precached the app's scripts once it is ready; it controls the page from a reload.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
  await page.reload()
  await hydrated(page)
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller?.state ?? null)).toBe('activated')
  await context.setOffline(true)
  const box = page.getByRole('banner').getByRole('combobox', { name: 'Search' })
  await expect(box).toBeEnabled()
  await box.pressSequentially(tag.slice(0, 9), { delay: 30 })
  await expect(page.getByRole('banner').getByRole('option', { name: FREE })).toBeVisible()
  await context.setOffline(false)
})

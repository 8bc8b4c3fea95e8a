// Search in Chromium: suggestions and results while typing, keyboard through the suggestions,
// filters in the URL (server-rendered on reload), and the same search offline from IndexedDB.
import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { Redis } from 'ioredis'
import { createDb, type Db } from '../../server/db/client.ts'
import { refreshSearchIndex } from '../../server/domain/search/refresh.ts'

const tag = `wombat${Array.from(randomBytes(5), b => String.fromCharCode(97 + (b % 26))).join('')}`
const DAY = 86_400_000
const TITLES = { festival: `Aurora ${tag} Festival`, quartet: `Glacier ${tag} Quartet` }

let db: Db

test.beforeAll(async ({ request }) => {
  db = createDb(process.env.E2E_DATABASE_URL!, { max: 2 })
  const organiser = await db.user.create({ data: { email: `${tag}@example.test`, passwordHash: 'not-a-real-hash', name: 'Fjord Live' } })
  for (const [i, [title, city]] of ([[TITLES.festival, 'Tromso'], [TITLES.quartet, 'Bergen']] as const).entries()) {
    const startsAt = new Date(Date.now() + (5 + i * 10) * DAY)
    await db.event.create({
      data: {
        organiserId: organiser.id, title, city, category: 'Music', status: 'PUBLISHED', publishedAt: new Date(),
        description: 'Northern lights, strings and a long winter night.', venueName: 'Kulturhuset', venueAddress: 'Storgata 1',
        startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), timezone: 'Europe/Oslo',
        sections: { create: [{ name: 'Hall', kind: 'GA', priceCents: 2900, currency: 'NOK', capacity: 50 }] },
      },
    })
  }
  const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379')
  try {
    await refreshSearchIndex(db, redis, { debounceMs: 0 })
  } finally {
    redis.disconnect()
  }
  await expect.poll(async () => (await (await request.get(`/api/search?q=${tag}`)).json()).total).toBe(2)
})

test.afterAll(async () => {
  await db?.$disconnect()
})

test('typing shows suggestions and highlighted results; arrows and Enter pick a suggestion', async ({ page }) => {
  await page.goto('/search')
  const box = page.getByRole('combobox', { name: 'Search events' })
  await expect(box).toBeEnabled()
  await box.pressSequentially(tag.slice(0, 8), { delay: 30 })

  const suggestions = page.getByRole('listbox', { name: 'Suggestions' })
  await expect(suggestions.getByRole('option', { name: TITLES.festival })).toBeVisible()
  const results = page.getByRole('region', { name: /events? for/ })
  await expect(results.getByRole('link', { name: TITLES.festival })).toBeVisible()
  await expect(results.getByRole('link', { name: TITLES.quartet })).toBeVisible()
  await expect(results.locator('mark', { hasText: tag })).toHaveCount(2)
  await expect(page).toHaveURL(new RegExp(`[?&]q=${tag.slice(0, 8)}`))

  await box.press('ArrowDown')
  await expect(suggestions.getByRole('option').first()).toHaveAttribute('aria-selected', 'true')
  await expect(box).toHaveAttribute('aria-activedescendant', 'search-suggestion-0')
  await box.press('ArrowUp')
  await expect(suggestions.getByRole('option').last()).toHaveAttribute('aria-selected', 'true')
  await box.press('Escape')
  await expect(suggestions).toBeHidden()
  await expect(box).toHaveValue(tag.slice(0, 8))

  await box.press('ArrowDown')
  await box.press('Enter')
  await expect(box).toHaveValue(TITLES.festival)
  await expect(suggestions).toBeHidden()
  await expect(page.getByRole('heading', { name: `1 event for “${TITLES.festival}”` })).toBeVisible()
  await expect(results.getByRole('link', { name: TITLES.festival })).toBeVisible()
  await expect(results.getByRole('link', { name: TITLES.quartet })).toHaveCount(0)
  await expect(results.getByRole('link', { name: TITLES.festival })).toHaveAttribute('href', /\/events\/[0-9a-f-]{36}$/)
})

test('filters live in the URL and a reload renders the same results on the server', async ({ page, request }) => {
  await page.goto(`/search?q=${tag}`)
  await page.getByLabel('City').selectOption('Bergen')
  await expect(page).toHaveURL(/city=Bergen/)
  await expect(page.getByRole('link', { name: TITLES.quartet })).toBeVisible()
  await expect(page.getByRole('link', { name: TITLES.festival })).toHaveCount(0)

  const html = await (await request.get(`/search?q=${tag}&city=Bergen`)).text()
  expect(html).toMatch(new RegExp(`<mark class="search-highlight"[^>]*>${tag}</mark>`))
  expect(html).toContain('Kulturhuset, Bergen')
  expect(html).not.toContain('Aurora')

  await page.getByRole('combobox', { name: 'Search events' }).fill(`${tag} nothingmatchesthis`)
  await expect(page.getByText(/No events match/)).toBeVisible()
  await page.getByRole('button', { name: 'Clear all filters' }).click()
  await expect(page).not.toHaveURL(/city=/)
})

test('offline, the page searches the index it keeps in IndexedDB and says so', async ({ page, context }) => {
  await page.goto('/search')
  await expect(page.getByText('Search also works offline on this device.')).toBeVisible()

  await context.setOffline(true)
  const box = page.getByRole('combobox', { name: 'Search events' })
  await box.fill(`glacier ${tag}`)
  await expect(page.getByRole('status').filter({ hasText: 'Offline — results may be out of date' })).toBeVisible()
  await expect(page.getByRole('link', { name: TITLES.quartet })).toBeVisible()
  await expect(page.getByRole('link', { name: TITLES.festival })).toHaveCount(0)

  // Suggestions come from the stored index too.
  await box.fill('auror')
  await expect(page.getByRole('option', { name: TITLES.festival })).toBeVisible()
  await context.setOffline(false)
})

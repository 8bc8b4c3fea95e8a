// Issue 18.2: an organiser creates an API key on /organise/api-keys, sees its secret once, the key
// works on the API within its scope, the list shows when it was last used, and revoking it ends it.
import { expect, test } from '@playwright/test'
import { axeViolations, person } from '../support/e2e-world.ts'

test('create, use and revoke an API key', async ({ browser, request }) => {
  test.setTimeout(90_000) // an axe run and two reloads on a loaded machine
  const organiser = await person(browser, 'Kira Keymaker')
  const page = organiser.page
  await page.goto('/organise')
  await page.getByRole('link', { name: 'API keys' }).click()
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible()
  await expect(page.getByText('No keys yet.')).toBeVisible()

  await page.getByLabel('Name').fill('Website sync')
  await page.getByLabel(/Read orders and attendees/).check()
  await page.getByRole('button', { name: 'Create key' }).click()
  const secretBox = page.getByLabel('New API key')
  await expect(secretBox).toHaveValue(/^bk_[A-Za-z0-9_-]{43}$/)
  const secret = await secretBox.inputValue()
  const row = page.getByRole('row', { name: /Website sync/ })
  await expect(row).toContainText('events:read, orders:read')
  await expect(row).toContainText(secret.slice(0, 11))
  await expect(row.getByRole('cell', { name: 'Active' })).toBeVisible()
  expect(await axeViolations(page)).toEqual([])

  // The key works within its scopes, and nowhere else.
  const asKey = { authorization: `Bearer ${secret}` }
  expect((await request.get('/api/organiser/events', { headers: asKey })).status()).toBe(200)
  expect((await request.post('/api/events', { headers: asKey, data: {} })).status()).toBe(403)

  // Shown once: after a reload only the prefix is left, and the list says it was used.
  await page.reload()
  await expect(page.getByLabel('New API key')).toHaveCount(0)
  expect(await page.content()).not.toContain(secret)
  await expect(page.getByRole('row', { name: /Website sync/ }).getByRole('cell').nth(4)).not.toHaveText('Never')

  await page.getByRole('button', { name: 'Revoke Website sync' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'was revoked' })).toBeVisible()
  await expect(page.getByRole('row', { name: /Website sync/ }).getByRole('cell', { name: 'Revoked' })).toBeVisible()
  expect((await request.get('/api/organiser/events', { headers: asKey })).status()).toBe(401)
  expect(organiser.problems).toEqual([])
})

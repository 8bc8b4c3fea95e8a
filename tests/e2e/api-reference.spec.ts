// Issue 18.1: the API reference at /developers, rendered in the app from GET /api/openapi.json
// (no outside renderer: the CSP allows only the app's own scripts).
import { expect, test } from '@playwright/test'
import { axeViolations } from '../support/e2e-world.ts'

test('the API reference lists every operation and opens one with its parameters and answers', async ({ page }) => {
  test.setTimeout(120_000) // axe over ~80 operations takes a while on a loaded machine
  const problems: string[] = []
  page.on('pageerror', error => problems.push(error.message))
  await page.goto('/')
  await page.getByRole('contentinfo').getByRole('link', { name: 'API reference' }).click()
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible()
  await expect(page.getByText(/OpenAPI 3\.1\.0, \d+ operations/)).toBeVisible()

  const events = page.getByRole('region', { name: 'Events', exact: true })
  const getEvent = events.locator('details').filter({ hasText: 'One event with its sections and ticket types' })
  await getEvent.locator('summary').click()
  await expect(getEvent.getByRole('cell', { name: 'id', exact: true })).toBeVisible()
  await expect(getEvent.getByText('path', { exact: true })).toBeVisible()
  // The answer's fields, from the zod schema behind the spec.
  await expect(getEvent.getByText('sections', { exact: true })).toBeVisible()
  await expect(getEvent.getByText('refundPolicy', { exact: true })).toBeVisible()
  await expect(getEvent.getByText(/API key scope events:read/)).toBeVisible()

  const login = page.locator('details').filter({ hasText: 'POST/api/auth/login' })
  await login.locator('summary').click()
  await expect(login.getByText(/Request body/)).toBeVisible()
  await expect(login.getByText('password', { exact: true })).toBeVisible()

  expect(await axeViolations(page)).toEqual([])
  expect(problems).toEqual([])
})

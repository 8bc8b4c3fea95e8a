// Issue 18.3: an organiser adds a webhook endpoint on /organise/webhooks, sees its signing secret
// once, sends a test delivery and finds it in the endpoint's delivery log, resends it, and turns the
// endpoint off. No worker runs here, so deliveries stay "Waiting"; tests/integration/webhooks.test.ts
// covers sending them. The URL is a public address literal: the e2e server keeps the SSRF rule.
import { expect, test } from '@playwright/test'
import { axeViolations, person, publishedEvent } from '../support/e2e-world.ts'

test('add an endpoint, send a test, read the log, resend, turn it off', async ({ browser }) => {
  test.setTimeout(90_000) // an axe run and a reload on a loaded machine
  const organiser = await person(browser, 'Wendy Webhook')
  await publishedEvent(organiser)
  const page = organiser.page
  await page.goto('/organise')
  await page.getByRole('link', { name: 'Webhooks' }).click()
  await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible()
  await expect(page.getByText('No endpoints yet.')).toBeVisible()

  // A private address is refused with the server's reason.
  await page.getByLabel('URL').fill('http://127.0.0.1:4000/hook')
  await page.getByRole('button', { name: 'Add endpoint' }).click()
  await expect(page.getByText(/loopback or private address/)).toBeVisible()

  await page.getByLabel('URL').fill('https://93.184.216.34/bookify')
  await page.getByLabel('Description (optional)').fill('CRM')
  await page.getByLabel(/A booking is cancelled/).check()
  await page.getByRole('button', { name: 'Add endpoint' }).click()
  const secretBox = page.getByRole('textbox', { name: 'Signing secret' })
  await expect(secretBox).toHaveValue(/^whsec_[A-Za-z0-9_-]{43}$/)
  const secret = await secretBox.inputValue()
  const endpoint = page.getByRole('listitem').filter({ hasText: 'https://93.184.216.34/bookify' })
  await expect(endpoint).toContainText('booking.confirmed, booking.cancelled')
  await expect(endpoint).toContainText('All my events')
  expect(await axeViolations(page)).toEqual([])

  await endpoint.getByRole('button', { name: 'Send test to https://93.184.216.34/bookify' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'test delivery' })).toBeVisible()
  const log = endpoint.getByRole('table', { name: /Deliveries to/ })
  await expect(log.getByRole('row', { name: /webhook\.test/ })).toContainText('Waiting')
  await log.getByRole('button', { name: /^Resend webhook\.test/ }).click()
  await expect(log.getByRole('row', { name: /resent/ })).toBeVisible()
  expect(await axeViolations(page)).toEqual([])

  // Shown once: gone after a reload.
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Signing secret' })).toHaveCount(0)
  expect(await page.content()).not.toContain(secret)
  await page.getByRole('button', { name: 'Turn off https://93.184.216.34/bookify' }).click()
  await expect(page.getByRole('listitem').filter({ hasText: 'https://93.184.216.34/bookify' })).toContainText('Off since')
  expect(organiser.problems).toEqual([])
})

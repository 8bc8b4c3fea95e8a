// Issue 15.5: "Forgot password?" on the sign-in page → an e-mail with a single-use link → a new
// password; the old one and every open session stop working, and the link cannot be used twice.
import { expect, test } from '@playwright/test'
import { startMailWorld, type MailWorld } from '../support/e2e-mail.ts'
import { axeViolations, PASSWORD, person } from '../support/e2e-world.ts'

const NEW_PASSWORD = 'a brand new passphrase'
let mail: MailWorld
test.beforeAll(async () => { mail = await startMailWorld() })
test.afterAll(async () => { await mail?.stop() })

test('a forgotten password is replaced through a single-use e-mailed link, ending every session', async ({ browser }) => {
  // Two worker processes start (tsx) and the e-mail goes through RabbitMQ: slower than a page.
  test.setTimeout(240_000)
  const rita = await person(browser, 'Rita Reset')
  // Signed in elsewhere: this session must end with the reset.
  const elsewhere = await browser.newContext()
  expect((await elsewhere.request.post('/api/auth/login', { data: { email: rita.email, password: PASSWORD } })).status()).toBe(200)
  // Cookie-authenticated writes must come from the app's own origin.
  const refresh = () => elsewhere.request.post('/api/auth/refresh', { headers: { origin: process.env.E2E_BASE_URL! } })
  expect((await refresh()).status()).toBe(200)

  const guest = await browser.newContext()
  const page = await guest.newPage()
  await page.goto('/signin')
  await page.getByLabel('E-mail').fill(rita.email)
  await page.getByRole('link', { name: 'Forgot password?' }).click()
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible()
  await expect(page.getByLabel('E-mail')).toHaveValue(rita.email)
  expect(await axeViolations(page)).toEqual([])
  await page.getByRole('button', { name: 'Send the link' }).click()
  const answer = await page.getByRole('status').textContent()
  expect(answer).toContain('If an account uses this address')

  // An unknown address gets exactly the same answer.
  await page.goto('/forgot-password')
  await page.getByLabel('E-mail').fill('nobody-at-all@example.test')
  await page.getByRole('button', { name: 'Send the link' }).click()
  await expect(page.getByRole('status')).toHaveText(answer!)

  const text = await mail.textOf(rita.email, /Choose a new Bookify password/, 90_000)
  const link = text.match(/https?:\/\/\S+\/reset-password\?token=[\w%-]+/)![0]
  await page.goto(link)
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible()
  expect(await axeViolations(page)).toEqual([])
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
  await page.getByLabel('New password again').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Save the new password' }).click()
  await expect(page.getByRole('status')).toContainText('signed out everywhere')

  expect((await refresh()).status()).toBe(401)
  await page.getByRole('link', { name: 'Sign in' }).last().click()
  await page.getByLabel('E-mail').fill(rita.email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('E-mail or password is wrong.')).toBeVisible()
  await page.getByLabel('Password').fill(NEW_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).not.toHaveURL(/signin/)

  // The link worked once (asked from a browser not signed in: the page is for guests).
  const second = await (await browser.newContext()).newPage()
  await second.goto(link.replace(/^https?:\/\/[^/]+/, ''))
  await second.getByLabel('New password', { exact: true }).fill('one more passphrase')
  await second.getByLabel('New password again').fill('one more passphrase')
  await second.getByRole('button', { name: 'Save the new password' }).click()
  await expect(second.getByRole('alert')).toContainText('used, expired or unknown')
  expect(rita.problems).toEqual([])
})

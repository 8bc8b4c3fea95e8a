import { randomBytes } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'

const PASSWORD = 'correct horse battery'

function uniqueEmail(): string {
  return `e2e-${Date.now()}-${randomBytes(3).toString('hex')}@example.test`
}

// Uncaught exceptions and hydration mismatches fail a test even when the page looks right.
let problems: string[] = []
test.beforeEach(({ page }) => {
  problems = []
  page.on('pageerror', error => problems.push(error.message))
  page.on('console', (message) => {
    if (/hydration/i.test(message.text())) problems.push(message.text())
  })
})
test.afterEach(() => {
  expect(problems).toEqual([])
})

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('a new user signs up, signs out, signs in again and renames themselves', async ({ page }) => {
  const email = uniqueEmail()
  const header = page.getByRole('banner')

  await page.goto('/signup')
  await page.getByLabel('Name').fill('Ada Lovelace')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()

  await expect(page).toHaveURL(/\/$/)
  await expect(header.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible()

  await header.getByRole('button', { name: 'Sign out' }).click()
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible()
  await expect(header.getByRole('link', { name: 'Ada Lovelace' })).toHaveCount(0)

  await signIn(page, email, PASSWORD)
  await expect(header.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible()

  await header.getByRole('link', { name: 'Ada Lovelace' }).click()
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toHaveValue(email)
  await page.getByLabel('Name').fill('Ada King')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved')

  await page.reload()
  await expect(page.getByLabel('Name')).toHaveValue('Ada King')
  await expect(header.getByRole('link', { name: 'Ada King' })).toBeVisible()
})

test('a wrong password is refused with a clear message', async ({ page }) => {
  const email = uniqueEmail()
  await page.goto('/signup')
  await page.getByLabel('Name').fill('Grace Hopper')
  await page.getByLabel('E-mail').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible()

  await signIn(page, email, 'not the password')
  await expect(page.getByRole('alert')).toHaveText('E-mail or password is wrong.')
  await expect(page).toHaveURL(/\/signin$/)
})

test('the sign-up form explains what is wrong with each field', async ({ page }) => {
  await page.goto('/signup')
  await page.getByLabel('E-mail').fill('not-an-address')
  await page.getByLabel('Password').fill('short')
  await page.getByRole('button', { name: 'Create account' }).click()

  await expect(page.getByLabel('Name')).toHaveAccessibleDescription('Enter your name.')
  await expect(page.getByLabel('E-mail')).toHaveAccessibleDescription('Enter a valid e-mail address.')
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription(/Use at least 10 characters/)
  await expect(page.getByLabel('Name')).toBeFocused()
})

test('the account page sends signed-out visitors to sign in first', async ({ page }) => {
  await page.goto('/account')
  await expect(page).toHaveURL(/\/signin\?next=(%2F|\/)account$/)
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
})

test('the home page lists upcoming events or says there are none', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  const events = page.getByRole('region', { name: 'Upcoming events' }).getByRole('article')
  const empty = page.getByText('No upcoming events yet.')
  await expect(events.first().or(empty)).toBeVisible()
})

test('a lapsed access token is renewed quietly, in the browser and on reload', async ({ page, context }) => {
  const dropAccessCookie = async () => {
    const access = (await context.cookies()).find(c => c.name.includes('access'))
    expect(access, 'the access-token cookie').toBeDefined()
    await context.clearCookies({ name: access!.name })
  }
  await page.goto('/signup')
  await page.getByLabel('Name').fill('Katherine Johnson')
  await page.getByLabel('E-mail').fill(uniqueEmail())
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.getByRole('banner').getByRole('link', { name: 'Katherine Johnson' }).click()

  await dropAccessCookie()
  await page.getByLabel('Name').fill('Katherine G. Johnson')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved')

  await dropAccessCookie()
  await page.reload()
  await expect(page.getByRole('banner').getByRole('link', { name: 'Katherine G. Johnson' })).toBeVisible()
  await expect(page.getByLabel('Name')).toHaveValue('Katherine G. Johnson')
})

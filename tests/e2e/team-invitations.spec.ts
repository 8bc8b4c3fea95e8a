// Issue 15.8: team invitations by e-mail for people without an account yet. The organiser invites an
// address from the Team tab; the e-mail's link (real relay, notifications worker and SMTP) leads a
// newcomer through sign-up back to the invitation, and joining makes them check-in staff. The link
// works once, the organiser sees and can withdraw open invitations, and the audit log tells it all.
import { expect, test } from '@playwright/test'
import { startMailWorld, type MailWorld } from '../support/e2e-mail.ts'
import { axeViolations, PASSWORD, person, publishedEvent, uniqueEmail } from '../support/e2e-world.ts'

let mail: MailWorld
test.beforeAll(async () => { mail = await startMailWorld() })
test.afterAll(async () => { await mail?.stop() })

test('an e-mailed invitation makes a newcomer check-in staff after sign-up, once', async ({ browser }) => {
  // Two worker processes start (tsx) and the e-mail goes through RabbitMQ: slower than a page.
  test.setTimeout(240_000)
  const organiser = await person(browser, 'Olga Organiser')
  const event = await publishedEvent(organiser)
  const o = organiser.page
  const newcomer = uniqueEmail('newcomer')
  const withdrawn = uniqueEmail('withdrawn')

  await o.goto(`/organise/${event.id}?tab=team`)
  for (const address of [newcomer, withdrawn]) {
    await o.getByLabel('E-mail').fill(address)
    await o.getByLabel('Role').selectOption('CHECKIN')
    await o.getByRole('button', { name: 'Send invitation' }).click()
    await expect(o.getByRole('status')).toHaveText(`Invitation sent to ${address}.`)
  }
  const invitations = o.getByRole('region', { name: 'Invitations' })
  await expect(invitations.getByRole('listitem')).toHaveCount(2)
  await expect(invitations.getByRole('listitem').filter({ hasText: newcomer })).toContainText('Check-in staff')
  await invitations.getByRole('button', { name: `Withdraw the invitation to ${withdrawn}` }).click()
  await expect(o.getByRole('status')).toContainText(`The invitation to ${withdrawn} was withdrawn`)
  await expect(invitations.getByRole('listitem')).toHaveCount(1)
  expect(await axeViolations(o)).toEqual([])

  const text = await mail.textOf(newcomer, /invited you to the team/, 90_000)
  expect(text).toContain('Door Night')
  const link = text.match(/https?:\/\/\S+\/join-team\?token=[\w%-]+/)![0].replace(/^https?:\/\/[^/]+/, '')

  // A newcomer without an account: the link, sign-up, back to the invitation, join.
  const guest = await browser.newContext({ viewport: { width: 390, height: 844 } })
  const page = await guest.newPage()
  await page.goto(link)
  await expect(page.getByRole('heading', { name: 'Join an event team' })).toBeVisible()
  await expect(page.getByText(/Olga Organiser invited you to the team of Door Night .* as check-in staff/)).toBeVisible()
  expect(await axeViolations(page)).toEqual([])
  await page.getByRole('link', { name: 'Create an account' }).click()
  await page.getByLabel('Name').fill('Nia Newcomer')
  // Any address will do: the link, not the address, is the invitation.
  await page.getByLabel('E-mail').fill(uniqueEmail('nia'))
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await expect(page).toHaveURL(/\/join-team\?token=/)
  await page.getByRole('button', { name: 'Join the team' }).click()
  await expect(page.getByRole('status')).toContainText('You are on the team of Door Night as check-in staff.')
  await page.getByRole('link', { name: 'Open check-in' }).click()
  await expect(page.getByLabel('Ticket code')).toBeVisible()

  await o.reload()
  await expect(o.getByRole('listitem').filter({ hasText: 'Nia Newcomer' })).toContainText('Check-in staff')
  await expect(o.getByRole('region', { name: 'Invitations' })).toHaveCount(0)
  await o.goto(`/organise/${event.id}?tab=audit`)
  await expect(o.getByText(`Nia Newcomer joined the team with the invitation to ${newcomer}`)).toBeVisible()
  await expect(o.getByText(`Olga Organiser withdrew the invitation to ${withdrawn} as check-in staff`)).toBeVisible()

  // The link worked once: someone else who opens it is told so.
  const other = await person(browser, 'Otto Other')
  await other.page.goto(link)
  await expect(other.page.getByRole('alert')).toContainText('This invitation has been used already')
  await expect(other.page.getByRole('button', { name: 'Join the team' })).toHaveCount(0)
  expect([...organiser.problems, ...other.problems]).toEqual([])
})

// The organiser's path: build a seated event in the builder, publish it (confirmed), a buyer books
// a seat (through the API: the buyer pages have their own spec), the organiser adds door staff, and
// the staff member checks the ticket in on a phone by typing its code — the second scan is refused
// with when and by whom.
import { randomBytes } from 'node:crypto'
import { expect, test, type Browser, type Page } from '@playwright/test'

const PASSWORD = 'correct horse battery'
const SHOTS = process.env.E2E_SCREENSHOTS
const localInDays = (days: number, hh: string) => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${hh}`

let problems: string[] = []
test.beforeEach(() => { problems = [] })
test.afterEach(() => { expect(problems).toEqual([]) })

async function person(browser: Browser, name: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport })
  const email = `org-${randomBytes(4).toString('hex')}@example.test`
  const res = await context.request.post('/api/auth/register', { data: { email, password: PASSWORD, name } })
  expect(res.status()).toBe(201)
  const page = await context.newPage()
  page.on('pageerror', error => problems.push(error.message))
  page.on('console', (m) => { if (/hydration/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`) })
  return { context, page, email, token: (await res.json()).accessToken as string }
}

const shot = async (page: Page, name: string) => { if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true }) }

test('an organiser builds and publishes a seated event, and the door admits its ticket once', async ({ browser }) => {
  const organiser = await person(browser, 'Olga Organiser')
  const page = organiser.page
  await page.goto('/organise')
  await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible()
  await page.getByRole('link', { name: 'New event' }).click()
  await expect(page.getByRole('heading', { name: 'New event' })).toBeVisible()

  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Enter a title.')).toBeVisible()

  await page.getByLabel('Title').fill('Fado in the Round')
  await page.getByLabel('Category').fill('Music')
  await page.getByLabel('Description').fill('Guitars, voices, and "saudade".')
  await page.getByLabel('Venue name').fill('Coliseu')
  await page.getByLabel('Address').fill('Rua das Portas 96')
  await page.getByLabel('City').fill('Lisbon')
  await page.getByLabel('Starts').fill(localInDays(12, '20:00'))
  await page.getByLabel('Ends').fill(localInDays(12, '23:00'))
  await page.getByLabel('Time zone').selectOption('Europe/Lisbon')
  const stalls = page.getByRole('group', { name: 'Section 1' })
  await stalls.getByLabel('Rows').fill('2')
  await stalls.getByLabel('Seats per row').fill('4')
  await stalls.getByLabel('Price').fill('30.00')
  await stalls.getByLabel('Entrance (optional)').fill('Door A')
  await page.getByRole('button', { name: 'Add section' }).click()
  const standing = page.getByRole('group', { name: 'Section 2' })
  await standing.getByLabel('Section name').fill('Standing')
  await standing.getByLabel('Kind').selectOption('GA')
  await standing.getByLabel('Capacity').fill('10')
  await expect(page.getByText('Preview as buyers will see it · 18 places')).toBeVisible()
  await shot(page, 'organise-new')
  await page.getByRole('button', { name: 'Save draft' }).click()

  await expect(page).toHaveURL(/\/organise\/[0-9a-f-]+\/edit/)
  const eventId = page.url().match(/organise\/([0-9a-f-]+)\//)![1]!
  await expect(page.getByText('Status: draft')).toBeVisible()
  await page.getByRole('button', { name: 'Publish…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Publish “Fado in the Round”?' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Publish now' }).click()
  await expect(page.getByText('Status: published')).toBeVisible()

  // The buyer books seat A1 through the API, with Bearer auth.
  const buyer = await person(browser, 'Bea Buyer')
  const auth = { authorization: `Bearer ${buyer.token}` }
  const seats = await (await buyer.context.request.get(`/api/events/${eventId}/seats`)).json()
  const a1 = seats.sections[0].rows[0].seats[0]
  const hold = await buyer.context.request.post('/api/holds', { headers: auth, data: { eventId, seatIds: [a1.id] } })
  expect(hold.status(), await hold.text()).toBe(201)
  const booking = await buyer.context.request.post('/api/bookings', { headers: auth, data: { holdId: (await hold.json()).id } })
  expect(booking.status(), await booking.text()).toBe(201)
  const code: string = (await booking.json()).tickets[0].code
  const a2 = seats.sections[0].rows[0].seats[1]
  const hold2 = await buyer.context.request.post('/api/holds', { headers: auth, data: { eventId, seatIds: [a2.id] } })
  const booking2 = await buyer.context.request.post('/api/bookings', { headers: auth, data: { holdId: (await hold2.json()).id } })
  const offlineCode: string = (await booking2.json()).tickets[0].code

  const staff = await person(browser, 'Dora Door', { width: 390, height: 844 })
  await page.goto(`/organise/${eventId}?tab=team`)
  await page.getByLabel('E-mail').fill(staff.email)
  await page.getByLabel('Role').selectOption('CHECKIN')
  await page.getByRole('button', { name: 'Add to team' }).click()
  await expect(page.getByRole('status')).toHaveText('Dora Door is on the team.')
  await page.goto(`/organise/${eventId}?tab=attendees`)
  await expect(page.getByRole('row', { name: /Bea Buyer/ }).filter({ hasText: 'Stalls A1' })).toBeVisible()
  await page.goto(`/organise/${eventId}`)
  await expect(page.getByRole('figure', { name: 'Tickets sold per hour' })).toBeVisible()
  await shot(page, 'organise-dashboard')

  const door = staff.page
  await door.goto(`/organise/${eventId}/checkin`)
  await door.getByLabel('Ticket code').fill(code.toLowerCase())
  await door.getByRole('button', { name: 'Check in' }).click()
  const result = door.getByRole('status').filter({ hasText: /ADMITTED|CHECKED IN/ })
  await expect(result).toContainText('ADMITTED')
  await expect(result).toContainText('Bea Buyer')
  await expect(result).toContainText('Stalls A1')
  await shot(door, 'checkin-admitted')

  await door.getByLabel('Ticket code').fill(code)
  await door.getByRole('button', { name: 'Check in' }).click()
  await expect(result).toContainText('ALREADY CHECKED IN')
  await expect(result).toContainText(/Already checked in at \d\d:\d\d by Dora Door/)
  await shot(door, 'checkin-refused')

  // Offline: the list downloaded beforehand validates the scan; the admission syncs on reconnect.
  await door.getByRole('button', { name: 'Download ticket list' }).click()
  await expect(door.getByText('Ticket list saved on this phone: 2 tickets.')).toBeVisible()
  await staff.context.setOffline(true)
  await door.getByLabel('Ticket code').fill(offlineCode)
  await door.getByRole('button', { name: 'Check in' }).click()
  await expect(result).toContainText('ADMITTED')
  await expect(result).toContainText('Checked offline')
  await expect(door.getByText('1 scan waiting to sync')).toBeVisible()
  await shot(door, 'checkin-offline')
  await staff.context.setOffline(false)
  await expect(door.getByText('Synced 1 offline scan.')).toBeVisible()
  await expect(door.getByText('0 scans waiting to sync')).toBeVisible()
  await page.goto(`/organise/${eventId}?tab=attendees`)
  await expect(page.getByRole('row', { name: /Stalls A2/ })).not.toContainText('—')

  await page.goto('/organise')
  await expect(page.getByRole('row', { name: /Fado in the Round/ })).toContainText('€60')
  await shot(page, 'organise-index')
})

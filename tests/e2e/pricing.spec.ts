// Ticket types and a promo code in the browser: an organiser adds two types and a 20% code in the
// builder, a buyer books one of each with the code, and sees the right total before holding, on the
// hold, on the tickets and in the confirmation e-mail.
import { randomBytes } from 'node:crypto'
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { createDb } from '../../server/db/client.ts'
import { loadBookingFacts } from '../../server/domain/notifications/load-booking-facts.ts'
import { bookingConfirmedNotice } from '../../server/domain/notifications/booking-notices.ts'
import { renderEmail } from '../../server/domain/notifications/email-layout.ts'

const PASSWORD = 'correct horse battery'
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()

async function signedIn(browser: Browser, name: string): Promise<{ context: BrowserContext, page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } })
  const res = await context.request.post('/api/auth/register', { data: { email: `pricing-${randomBytes(4).toString('hex')}@example.test`, password: PASSWORD, name } })
  expect(res.status()).toBe(201)
  return { context, page: await context.newPage() }
}

const seat = (page: Page, row: string, number: number) =>
  page.getByRole('group', { name: /^Stalls,/ }).getByRole('button', { name: new RegExp(`^Row ${row} seat ${number}, .*, available$`) })

test('an organiser adds two ticket types and a 20% code; a buyer books one of each with it and sees the right total everywhere', async ({ browser }) => {
  test.setTimeout(120_000)
  const organiser = await signedIn(browser, 'Olga Organiser')
  const headers = { origin: process.env.E2E_BASE_URL! }
  const created = await organiser.context.request.post('/api/events', {
    headers,
    data: {
      title: 'Fado with types', description: 'Two prices.', category: 'Music', startsAt: inDays(15), endsAt: inDays(15, 3), timezone: 'Europe/Lisbon',
      venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' },
      sections: [{ name: 'Stalls', kind: 'SEATED', priceCents: 4000, currency: 'EUR', rows: 2, seatsPerRow: 6 }],
      paymentMethods: ['venue'],
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const { id } = await created.json() as { id: string }

  // The builder: two types on the section.
  const o = organiser.page
  await o.goto(`/organise/${id}/edit`)
  await o.getByRole('button', { name: 'Add ticket type to Stalls' }).click()
  const second = o.getByRole('group', { name: 'Ticket type 2 of Stalls' })
  await second.getByLabel('Type name').fill('Child')
  await second.getByLabel('Type price').fill('20.00')
  const first = o.getByRole('group', { name: 'Ticket type 1 of Stalls' })
  await first.getByLabel('Type name').fill('Adult')
  await o.getByRole('button', { name: 'Save changes' }).click()
  await expect(o.getByText('Changes saved.')).toBeVisible()
  expect((await organiser.context.request.post(`/api/events/${id}/publish`, { headers })).status()).toBe(200)

  // The code, on the event's "Codes & questions" tab.
  await o.goto(`/organise/${id}?tab=pricing`)
  await o.getByLabel('Code', { exact: true }).fill('FADO20')
  await o.getByLabel('Percent').fill('20')
  await o.getByRole('button', { name: 'Create code' }).click()
  await expect(o.getByRole('table')).toContainText('FADO20')
  await expect(o.getByRole('table')).toContainText('20% off')

  // The buyer: the event page lists both types.
  const buyer = await signedIn(browser, 'Ada Buyer')
  const page = buyer.page
  await page.goto(`/events/${id}`)
  await expect(page.getByRole('table', { name: 'Prices and availability' })).toContainText('Adult: €40')
  await expect(page.getByRole('table', { name: 'Prices and availability' })).toContainText('Child: €20')

  await page.goto(`/events/${id}/book`)
  await seat(page, 'A', 2).click()
  await seat(page, 'A', 3).click()
  const types = page.getByRole('region', { name: 'Ticket types' })
  await types.getByLabel('Stalls · A3').selectOption({ label: 'Child · €20' })
  const summary = page.getByRole('region', { name: 'Your choice' })
  await expect(summary).toContainText('€60')
  await page.getByRole('region', { name: 'Promo or access code' }).getByLabel('Code').fill('fado20')
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByRole('region', { name: 'Promo or access code' })).toContainText('20% off')
  await expect(summary).toContainText('€48')
  await page.getByRole('button', { name: 'Hold these places' }).click()

  const hold = page.getByRole('region', { name: 'Your places are held' })
  await expect(hold).toContainText('Adult')
  await expect(hold).toContainText('Child')
  await expect(hold.getByTestId('hold-total')).toContainText('€48')
  await hold.getByRole('button', { name: 'Confirm booking' }).click()

  await expect(page).toHaveURL(/\/bookings\//)
  await expect(page.getByTestId('ticket-type')).toHaveText(['Adult', 'Child'])
  await expect(page.getByText('€32 (was €40)')).toBeVisible()
  await expect(page.getByText('€16 (was €20)')).toBeVisible()
  await expect(page.locator('main')).toContainText('€48')

  // The confirmation e-mail the notifications worker sends for this booking.
  const bookingId = page.url().split('/bookings/')[1]!.split(/[?#]/)[0]!
  const db = createDb(process.env.E2E_DATABASE_URL!, { max: 1 })
  try {
    const facts = await loadBookingFacts(db, bookingId)
    const email = renderEmail(bookingConfirmedNotice(facts!, process.env.E2E_BASE_URL!).email!)
    expect(email.text).toContain('€48.00')
    expect(email.text).toContain('(Adult)')
    expect(email.text).toContain('(Child)')
  } finally {
    await db.$disconnect()
  }
})

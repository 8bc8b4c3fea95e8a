// Card payments in the browser, against the fake Stripe the e2e server is configured with: a buyer
// picks seats, pays on the hosted page, lands on the booking with tickets and downloads the PDF;
// the organiser refunds part of it, and the buyer sees the refund.
import { readFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { PDFParse } from 'pdf-parse'

const PASSWORD = 'correct horse battery'
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()

async function signedIn(browser: Browser, name: string): Promise<{ context: BrowserContext, page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const res = await context.request.post('/api/auth/register', { data: { email: `pay-${randomBytes(4).toString('hex')}@example.test`, password: PASSWORD, name } })
  expect(res.status()).toBe(201)
  return { context, page: await context.newPage() }
}

/** The organiser's own browser creates and publishes a card-paid event (cookie auth, so it sends the app's Origin). */
async function paidEvent(organiser: BrowserContext, title: string): Promise<string> {
  const headers = { origin: process.env.E2E_BASE_URL! }
  const created = await organiser.request.post('/api/events', {
    headers,
    data: {
      title, description: 'Paid by card.', category: 'Music', startsAt: inDays(20), endsAt: inDays(20, 3), timezone: 'Europe/Lisbon',
      venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' },
      sections: [{ name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 3, seatsPerRow: 6 }],
      paymentMethods: ['card', 'venue'], refundPolicy: { kind: 'UNTIL_HOURS_BEFORE', hours: 48 }, taxRatePercent: 23,
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const { id } = await created.json()
  expect((await organiser.request.post(`/api/events/${id}/publish`, { headers })).status()).toBe(200)
  return id
}

const seat = (page: Page, row: string, number: number, state: string) =>
  page.getByRole('group', { name: /^Stalls,/ }).getByRole('button', { name: new RegExp(`^Row ${row} seat ${number}, .*, ${state}$`) })

test('a buyer pays by card on the hosted page, gets the tickets PDF, and the organiser refunds part', async ({ browser }) => {
  test.setTimeout(90_000) // two browsers, a hosted page, a PDF and a refund
  const organiser = await signedIn(browser, 'Olga Organiser')
  const eventId = await paidEvent(organiser.context, 'Fado paid by card')
  const buyer = await signedIn(browser, 'Ada Buyer')
  const page = buyer.page

  await page.goto(`/events/${eventId}/book`)
  await seat(page, 'B', 2, 'available').click()
  await seat(page, 'B', 3, 'available').click()
  await page.getByRole('button', { name: 'Hold these places' }).click()
  const card = page.getByRole('region', { name: 'Pay now by card' })
  await expect(card).toContainText('€90')
  await expect(card).toContainText('for a full refund')
  await page.screenshot({ path: '/tmp/bookify-pay-by-card.png', fullPage: true })
  await card.getByRole('button', { name: /^Pay by card €90/ }).click()

  // Stripe's hosted page (the fake's): the order, then Pay.
  await expect(page).toHaveURL(new RegExp(`^${process.env.E2E_STRIPE_URL}/c/pay/cs_test_`))
  await expect(page.getByRole('heading', { name: 'Pay €90.00' })).toBeVisible()
  await expect(page.getByRole('list', { name: 'Order' })).toContainText('Fado paid by card — Stalls · Standard × 2')
  await page.getByRole('button', { name: 'Pay €90.00' }).click()

  await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}\?checkout=paid$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Fado paid by card' })).toBeVisible()
  const payment = page.getByRole('region', { name: 'Payment' })
  await expect(payment.getByRole('status')).toContainText('Paid by card · €90')
  await expect(page.getByRole('heading', { name: 'Your 2 tickets' })).toBeVisible()
  await expect(payment.getByRole('link', { name: /^Invoice INV-\d{6} \(PDF\)$/ })).toBeVisible()
  await page.screenshot({ path: '/tmp/bookify-paid-booking.png', fullPage: true })
  const codes = await page.locator('.booking-ticket__code').allTextContents()
  expect(codes).toHaveLength(2)

  const [download] = await Promise.all([page.waitForEvent('download'), payment.getByRole('link', { name: 'Download tickets (PDF)' }).click()])
  expect(download.suggestedFilename()).toMatch(/^bookify-tickets-BK-\w{6}\.pdf$/)
  await download.saveAs('/tmp/bookify-tickets.pdf')
  const parser = new PDFParse({ data: new Uint8Array(await readFile((await download.path())!)) })
  const { text, pages } = await parser.getText()
  await parser.destroy()
  expect(pages).toHaveLength(2)
  for (const code of codes) expect(text).toContain(code.trim())
  expect(text).toContain('Ada Buyer')

  // The organiser refunds 20.00 of it from the event's payments tab.
  const admin = organiser.page
  await admin.goto(`/organise/${eventId}?tab=payments`)
  const reference = (await page.locator('.booking-page__ref strong').textContent())!.trim()
  const section = admin.getByRole('region', { name: 'Card payments' })
  await expect(section).toContainText('€90')
  await section.getByRole('button', { name: `Refund ${reference}` }).click()
  await section.getByLabel('Amount to refund (EUR)').fill('20.00')
  await section.getByLabel('Reason (shown to the buyer)').fill('Obstructed view')
  await section.getByRole('button', { name: 'Refund', exact: true }).click()
  await expect(section.getByRole('status')).toContainText(`Refund for ${reference} sent.`)
  await expect(section.getByRole('row', { name: new RegExp(reference) })).toContainText('partly refunded')
  await admin.screenshot({ path: '/tmp/bookify-organiser-payments.png', fullPage: true })

  await page.reload()
  await expect(payment.getByRole('status')).toContainText('Partly refunded')
  await expect(payment).toContainText('Refunded: €20 of €90')
  await expect(payment.getByRole('list', { name: 'Refunds' })).toContainText('€20 · from the organiser — Obstructed view')
  await expect(page.getByRole('heading', { name: 'Your 2 tickets' })).toBeVisible()
  await buyer.context.close()
  await organiser.context.close()
})

test('leaving the hosted page without paying keeps the places held and the payment open', async ({ browser }) => {
  const organiser = await signedIn(browser, 'Otto Organiser')
  const eventId = await paidEvent(organiser.context, 'Fado, second thoughts')
  const { context, page } = await signedIn(browser, 'Bea Buyer')
  await page.goto(`/events/${eventId}/book`)
  await seat(page, 'A', 1, 'available').click()
  await page.getByRole('button', { name: 'Hold these places' }).click()
  await page.getByRole('region', { name: 'Pay now by card' }).getByRole('button', { name: /^Pay by card/ }).click()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page).toHaveURL(/\/bookings\/[0-9a-f-]{36}\?checkout=cancelled$/)
  const payment = page.getByRole('region', { name: 'Payment' })
  await expect(payment).toContainText('Waiting for your card payment')
  await expect(payment).toContainText('You left the payment page without paying')
  await payment.getByRole('link', { name: 'Continue to payment' }).click()
  await expect(page.getByRole('heading', { name: 'Pay €45.00' })).toBeVisible()
  await context.close()
  await organiser.context.close()
})

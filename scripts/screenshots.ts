// `npm run screenshots`: phone screenshots (390×844) of the organiser dashboard, an event page, the
// booking page with a choice made and with a hold, and a booking's tickets, written to
// docs/screenshots/. Not part of the test suite: it starts the built server on a throw-away database
// exactly as the e2e suite does, fills it through the API and drives Chromium.
// `npm run screenshots -- --lighthouse` also measures Lighthouse's mobile layout shift (CLS) and
// performance score on the home and event pages of the same server.
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { chromium, type Page } from '@playwright/test'
import globalSetup from '../tests/support/e2e-global-setup.ts'
import { book, bearer, PHONE, publishedEvent, seat } from '../tests/support/e2e-people.ts'

const OUT = 'docs/screenshots'

async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.waitForTimeout(400)
}

/** Lighthouse (mobile emulation, the default) on one URL: its CLS and performance score. */
function lighthouse(url: string): { cls: number, performance: number } {
  const out = execFileSync('npx', ['-y', 'lighthouse', url, '--chrome-path=/usr/bin/chromium', '--chrome-flags=--headless --no-sandbox',
    '--only-categories=performance', '--output=json', '--quiet'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const report = JSON.parse(out) as { audits: Record<string, { numericValue?: number }>, categories: { performance: { score: number } } }
  return { cls: report.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN, performance: report.categories.performance.score }
}

async function main() {
  const teardown = await globalSetup()
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
  try {
    mkdirSync(OUT, { recursive: true })
    const baseURL = process.env.E2E_BASE_URL!
    const event = await publishedEvent('Fado, Guitar and Song', [
      { name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 8, seatsPerRow: 20, entrance: 'Door A' },
      { name: 'Balcony', kind: 'SEATED', priceCents: 3000, currency: 'EUR', rows: 3, seatsPerRow: 12, entrance: 'Door B' },
      { name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 40 },
    ], { description: 'Lisbon\'s finest fado voices with Portuguese guitar.\nDoors open at 19:00; the first set starts at 20:00.' })
    for (const label of ['Stalls A1', 'Stalls A2', 'Stalls B7', 'Balcony A3']) {
      const buyer = await bearer('Sample Buyer')
      await book(buyer.headers, event.id, [event.seats.get(label)!])
    }

    const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, baseURL })
    const page = await context.newPage()
    const registered = await context.request.post('/api/auth/register', { data: { email: `phone-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Pat Phone' } })
    if (registered.status() !== 201) throw new Error(`register: ${registered.status()}`)

    await page.goto(`/events/${event.id}`)
    await settle(page)
    await page.screenshot({ path: `${OUT}/phone-event.png` })
    await page.screenshot({ path: `${OUT}/phone-event-full.png`, fullPage: true })

    await page.goto(`/events/${event.id}/book`)
    await settle(page)
    await seat(page, 'C', 9, 'available').tap()
    await seat(page, 'C', 10, 'available').tap()
    await page.getByRole('button', { name: 'One more Standing ticket' }).tap()
    await page.evaluate(() => window.scrollTo(0, 0))
    await settle(page)
    await page.screenshot({ path: `${OUT}/phone-booking-page.png` })
    await page.getByRole('button', { name: 'Hold these places' }).tap()
    await page.getByRole('region', { name: 'Your places are held' }).waitFor()
    await settle(page)
    await page.screenshot({ path: `${OUT}/phone-booking-page-held.png` })
    await page.getByRole('button', { name: 'Confirm booking' }).tap()
    await page.getByRole('heading', { name: 'Your 3 tickets' }).waitFor()
    await settle(page)
    await page.screenshot({ path: `${OUT}/phone-booking-tickets.png` })

    // The organiser's dashboard of the same event, signed in as its organiser with a cookie session.
    const organiser = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, baseURL })
    const own = await organiser.newPage()
    const me = await organiser.request.post('/api/auth/register', { data: { email: `organiser-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Olga Organiser' } })
    const headers = { authorization: `Bearer ${(await me.json()).accessToken}` }
    const created = await organiser.request.post('/api/events', {
      headers,
      data: {
        title: 'Fado at the Coliseu', description: 'Fado.', category: 'Music', startsAt: new Date(Date.now() + 12 * 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 12 * 86_400_000 + 3 * 3_600_000).toISOString(), timezone: 'Europe/Lisbon',
        venue: { name: 'Coliseu dos Recreios', address: 'Rua das Portas de Santo Antão 96', city: 'Lisbon' },
        sections: [{ name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 6, seatsPerRow: 12 }, { name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 80 }],
      },
    })
    const ownId = (await created.json()).id as string
    await organiser.request.post(`/api/events/${ownId}/publish`, { headers })
    const map = await (await organiser.request.get(`/api/events/${ownId}/seats`)).json()
    const seats = map.sections[0].rows.flatMap((r: { seats: { id: string }[] }) => r.seats.map(s => s.id)) as string[]
    for (let i = 0; i < 6; i++) await book((await bearer(`Buyer ${i}`)).headers, ownId, seats.slice(i * 3, i * 3 + 3))
    await own.goto(`/organise/${ownId}`)
    await own.getByRole('figure', { name: /Tickets sold per/ }).first().waitFor()
    await settle(own)
    await own.screenshot({ path: `${OUT}/phone-dashboard.png` })
    await own.screenshot({ path: `${OUT}/phone-dashboard-full.png`, fullPage: true })
    await own.goto('/organise')
    await settle(own)
    await own.screenshot({ path: `${OUT}/phone-organiser-events.png` })
    console.log(`Screenshots written to ${OUT}/`)
    if (process.argv.includes('--lighthouse')) {
      for (const [name, path] of [['home', '/'], ['event', `/events/${event.id}`]] as const) {
        const { cls, performance } = lighthouse(`${baseURL}${path}`)
        console.log(`Lighthouse mobile, ${name} page: CLS ${cls.toFixed(3)}, performance ${Math.round(performance * 100)}`)
      }
    }
  } finally {
    await browser.close()
    await teardown()
  }
}

await main()

// Helpers for the Playwright specs: people with their own browser context and token, events made
// through the API, pay-at-venue bookings, and axe-core over a page. Playwright-only (no vitest).
import { randomBytes } from 'node:crypto'
import AxeBuilder from '@axe-core/playwright'
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test'

export const PASSWORD = 'correct horse battery'

export interface Person {
  context: BrowserContext
  page: Page
  email: string
  id: string
  token: string
  /** Uncaught page errors and hydration warnings, for the spec to assert empty. */
  problems: string[]
}

export const uniqueEmail = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}@example.test`

export async function person(browser: Browser, name: string, options: { viewport?: { width: number, height: number }, email?: string } = {}): Promise<Person> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 } })
  const email = options.email ?? uniqueEmail('e2e')
  const res = await context.request.post('/api/auth/register', { data: { email, password: PASSWORD, name } })
  expect(res.status(), await res.text()).toBe(201)
  const body = await res.json()
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', error => problems.push(error.message))
  page.on('console', (m) => { if (/hydration/i.test(m.text())) problems.push(`${page.url()}: ${m.text()}`) })
  return { context, page, email, id: body.user.id, token: body.accessToken, problems }
}

const bearer = (p: Person) => ({ authorization: `Bearer ${p.token}` })
const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()

/** A published event of `organiser`: a seated section (€35, 2×5) and a standing one (€20, 20 places). */
export async function publishedEvent(organiser: Person, overrides: Record<string, unknown> = {}): Promise<{ id: string, sections: { id: string, kind: string }[] }> {
  const res = await organiser.context.request.post('/api/events', {
    headers: bearer(organiser),
    data: {
      title: 'Door Night', description: 'Music at the door.', category: 'Music',
      startsAt: inDays(5), endsAt: inDays(5, 3), timezone: 'Europe/Lisbon',
      venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' },
      sections: [
        { name: 'Stalls', kind: 'SEATED', priceCents: 3500, currency: 'EUR', rows: 2, seatsPerRow: 5 },
        { name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 20 },
      ],
      ...overrides,
    },
  })
  expect(res.status(), await res.text()).toBe(201)
  const event = await res.json()
  const published = await organiser.context.request.post(`/api/events/${event.id}/publish`, { headers: bearer(organiser) })
  expect(published.status(), await published.text()).toBe(200)
  return { id: event.id, sections: event.sections }
}

export interface BookedTickets { bookingId: string, reference: string, tickets: { id: string, code: string, label: string }[] }

/** `buyer` books `count` seats of the first seated section, paying at the venue. */
export async function bookSeats(buyer: Person, eventId: string, count: number): Promise<BookedTickets> {
  const seats = await (await buyer.context.request.get(`/api/events/${eventId}/seats`)).json()
  const free = seats.sections.flatMap((s: { rows: { seats: { id: string, status: string }[] }[] }) => s.rows.flatMap(r => r.seats)).filter((s: { status: string }) => s.status === 'AVAILABLE')
  const hold = await buyer.context.request.post('/api/holds', { headers: bearer(buyer), data: { eventId, seatIds: free.slice(0, count).map((s: { id: string }) => s.id) } })
  expect(hold.status(), await hold.text()).toBe(201)
  const booking = await buyer.context.request.post('/api/bookings', { headers: bearer(buyer), data: { holdId: (await hold.json()).id, payment: { method: 'venue' } } })
  expect(booking.status(), await booking.text()).toBe(201)
  const b = await booking.json()
  return { bookingId: b.id, reference: b.reference, tickets: b.tickets.map((t: { id: string, code: string, label: string }) => ({ id: t.id, code: t.code, label: t.label })) }
}

export async function addToTeam(organiser: Person, eventId: string, email: string, role: 'CO_ORGANISER' | 'CHECKIN') {
  const res = await organiser.context.request.post(`/api/events/${eventId}/staff`, { headers: bearer(organiser), data: { email, role } })
  expect(res.status(), await res.text()).toBeLessThan(300)
}

/** axe-core's WCAG 2.x A/AA rules over the page as it is now; the spec expects none. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
  return result.violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)
}

/**
 * Waits until the page's Vue app is mounted: a server-rendered button does nothing until then, and on
 * a loaded machine a test can click it first (as a buyer on a slow phone might, and then tap again).
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean((document.querySelector('#__nuxt') as { __vue_app__?: unknown } | null)?.__vue_app__))
}

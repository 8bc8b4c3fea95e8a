// Shared set-up of the buyer-facing e2e specs: organisers and buyers registered through the API,
// published events, and bookings made with Bearer auth (no cookies, so no Origin check).
import { randomBytes } from 'node:crypto'
import { expect, request, type Browser, type BrowserContext, type Page } from '@playwright/test'

export const PASSWORD = 'correct horse battery'
export const DESKTOP = { width: 1280, height: 900 }
export const PHONE = { width: 390, height: 844 }
export const inDays = (days: number, hours = 0) => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString()

export interface Section { name: string, kind: 'SEATED' | 'GA', priceCents: number, currency: string, rows?: number, seatsPerRow?: number, capacity?: number, entrance?: string }

/** Registers through the API and returns a Bearer header and the user's e-mail. */
export async function bearer(name: string): Promise<{ headers: Record<string, string>, email: string }> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(4).toString('hex')}@example.test`
  const res = await api.post('/api/auth/register', { data: { email, password: PASSWORD, name } })
  expect(res.status()).toBe(201)
  const headers = { authorization: `Bearer ${(await res.json()).accessToken}` }
  await api.dispose()
  return { headers, email }
}

export interface PublishedEvent { id: string, organiser: Record<string, string>, seats: Map<string, string>, sections: Map<string, string> }

/** A published event (seat ids by label, "Stalls A1"), created by a new organiser. */
export async function publishedEvent(title: string, sections: Section[], extra: Record<string, unknown> = {}): Promise<PublishedEvent> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const { headers } = await bearer('Olga Organiser')
  const created = await api.post('/api/events', {
    headers,
    data: {
      title, description: 'An evening of fado.', category: 'Music', startsAt: inDays(10), endsAt: inDays(10, 3), timezone: 'Europe/Lisbon',
      venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' }, sections, ...extra,
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const { id } = await created.json()
  expect((await api.post(`/api/events/${id}/publish`, { headers })).status()).toBe(200)
  const map = await (await api.get(`/api/events/${id}/seats`)).json()
  const seats = new Map<string, string>()
  const sectionIds = new Map<string, string>(map.sections.map((s: { name: string, id: string }) => [s.name, s.id]))
  for (const section of map.sections) for (const row of section.rows ?? []) for (const seat of row.seats) seats.set(`${section.name} ${seat.row}${seat.number}`, seat.id)
  await api.dispose()
  return { id, organiser: headers, seats, sections: sectionIds }
}

/** Holds and books places through the API with Bearer auth; returns the booking's id. */
export async function book(headers: Record<string, string>, eventId: string, seatIds: string[], ga: { sectionId: string, quantity: number }[] = []): Promise<string> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const hold = await api.post('/api/holds', { headers, data: { eventId, seatIds, ga } })
  expect(hold.status(), await hold.text()).toBe(201)
  const booking = await api.post('/api/bookings', { headers, data: { holdId: (await hold.json()).id } })
  expect(booking.status(), await booking.text()).toBe(201)
  const id = (await booking.json()).id as string
  await api.dispose()
  return id
}

/** A signed-in browser context: its own request API registers, so the cookies belong to it. */
export async function signedIn(browser: Browser, name: string, viewport = DESKTOP): Promise<{ context: BrowserContext, page: Page, email: string, headers: Record<string, string> }> {
  const context = await browser.newContext({ viewport })
  const email = `buyer-${randomBytes(4).toString('hex')}@example.test`
  const res = await context.request.post('/api/auth/register', { data: { email, password: PASSWORD, name } })
  expect(res.status()).toBe(201)
  return { context, page: await context.newPage(), email, headers: { authorization: `Bearer ${(await res.json()).accessToken}` } }
}

export const seat = (page: Page, row: string, number: number, state: RegExp | string, section = 'Stalls') =>
  page.getByRole('group', { name: new RegExp(`^${section},`) }).getByRole('button', { name: new RegExp(`^Row ${row} seat ${number}, .*, ${typeof state === 'string' ? state : state.source}$`) })

/** A POST with Bearer auth from outside any browser context (no cookies, so no Origin check). */
export async function apiPost(path: string, headers: Record<string, string>, data?: unknown): Promise<{ status: number, body: string }> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL })
  const res = await api.post(path, { headers, data })
  const result = { status: res.status(), body: await res.text() }
  await api.dispose()
  return result
}

// Helpers for the event tests: users with tokens, event bodies, and direct SQL for the states the
// API under test does not create itself (holds, bookings, tickets, waitlist entries, staff).
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { expect } from 'vitest'
import { api, uniqueEmail } from './http.ts'
import { expectSpecAnswer } from './openapi.ts'
import { testDatabaseUrl } from './lane.ts'

export const PASSWORD = 'correct horse battery'

export interface TestUser {
  id: string
  token: string
}

export async function registerUser(name = 'Organiser'): Promise<TestUser> {
  const res = await api('POST', '/api/auth/register', { body: { email: uniqueEmail('events'), password: PASSWORD, name } })
  expect(res.status).toBe(201)
  expectSpecAnswer('POST /api/auth/register', res)
  return { id: res.body.user.id, token: res.body.accessToken }
}

const HOUR = 3_600_000
export const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString()

export function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Fado, Guitar; and Song',
    description: 'An evening of fado.\nDoors open at 19:00.',
    category: 'Music',
    startsAt: inHours(24 * 10),
    endsAt: inHours(24 * 10 + 3),
    timezone: 'Europe/Lisbon',
    venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' },
    sections: [
      { name: 'Stalls', kind: 'SEATED', priceCents: 4500, currency: 'EUR', rows: 4, seatsPerRow: 5, entrance: 'Door A' },
      { name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 30 },
    ],
    ...overrides,
  }
}

export async function createEvent(token: string, overrides: Record<string, unknown> = {}) {
  const res = await api('POST', '/api/events', { token, body: eventBody(overrides) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return expectSpecAnswer('POST /api/events', res)
}

export async function publish(token: string, eventId: string) {
  const res = await api('POST', `/api/events/${eventId}/publish`, { token })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return expectSpecAnswer('POST /api/events/{id}/publish', res)
}

export function sqlPool(): pg.Pool {
  return new pg.Pool({ connectionString: testDatabaseUrl(), max: 4 })
}

/** Claims the places for a new hold exactly as the hold engine does; negative minutes make it lapsed. */
export async function insertHold(sql: pg.Pool, userId: string, eventId: string, placeIds: string[], minutes = 10, status = 'ACTIVE'): Promise<string> {
  const id = randomUUID()
  const until = new Date(Date.now() + minutes * 60_000)
  await sql.query(`INSERT INTO holds (id, user_id, event_id, status, expires_at, total_cents, currency) VALUES ($1, $2, $3, $4, $5, 0, 'EUR')`, [id, userId, eventId, status, until])
  await sql.query('UPDATE places SET hold_id = $1, held_until = $2 WHERE id = ANY($3::uuid[])', [id, until, placeIds])
  return id
}

/** A confirmed booking with one valid ticket per place at the given price. */
export async function insertBooking(sql: pg.Pool, userId: string, eventId: string, placeIds: string[], priceCents: number): Promise<string> {
  const id = randomUUID()
  await sql.query(
    `INSERT INTO bookings (id, reference, user_id, event_id, status, total_cents, currency, payment_provider, payment_status, updated_at)
     VALUES ($1, $2, $3, $4, 'CONFIRMED', $5, 'EUR', 'none', 'NOT_REQUIRED', now())`,
    [id, `BK-${id.slice(0, 8).toUpperCase()}`, userId, eventId, priceCents * placeIds.length],
  )
  // Each ticket under its section's default type (the first by sort order), as a hold without types sells it.
  for (const placeId of placeIds) {
    await sql.query(
      `INSERT INTO tickets (id, booking_id, place_id, code, price_cents, unit_price_cents, ticket_type_id)
       SELECT $1, $2, $3, $4, $5, $5, (SELECT tt.id FROM places p JOIN ticket_types tt ON tt.section_id = p.section_id WHERE p.id = $3 ORDER BY tt.sort_order, tt.id LIMIT 1)`,
      [randomUUID(), id, placeId, randomUUID(), priceCents])
  }
  await sql.query(
    `UPDATE places p SET booking_id = $1, ticket_type_id = (SELECT tt.id FROM ticket_types tt WHERE tt.section_id = p.section_id ORDER BY tt.sort_order, tt.id LIMIT 1)
      WHERE p.id = ANY($2::uuid[])`, [id, placeIds])
  return id
}

export async function insertWaitlist(sql: pg.Pool, userId: string, eventId: string, status = 'WAITING'): Promise<string> {
  const id = randomUUID()
  await sql.query(`INSERT INTO waitlist_entries (id, event_id, user_id, quantity, status, updated_at) VALUES ($1, $2, $3, 2, $4, now())`, [id, eventId, userId, status])
  return id
}

export async function addStaff(sql: pg.Pool, eventId: string, userId: string, role: 'CO_ORGANISER' | 'CHECKIN'): Promise<void> {
  await sql.query('INSERT INTO event_staff (event_id, user_id, role) VALUES ($1, $2, $3)', [eventId, userId, role])
}

export async function outboxCount(sql: pg.Pool, routingKey: string, aggregateId: string): Promise<number> {
  const { rows } = await sql.query('SELECT count(*)::int AS n FROM outbox_messages WHERE routing_key = $1 AND aggregate_id = $2', [routingKey, aggregateId])
  return rows[0].n
}

/** Seat ids of a seat map, by label. */
export function seatIds(seatMap: { sections: { rows: { seats: { id: string, label: string }[] }[] }[] }): Map<string, string> {
  return new Map(seatMap.sections.flatMap(s => s.rows.flatMap(r => r.seats.map(seat => [seat.label, seat.id] as const))))
}

// The cast of the organising tests: an event with its organiser, a co-organiser, check-in staff,
// an unrelated user and a platform admin, plus tickets written straight to the database.
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { inject } from 'vitest'
import { signAccessToken } from '../../server/domain/accounts/access-tokens.ts'
import { addStaff, createEvent, insertBooking, publish, registerUser, seatIds, type TestUser } from './event-fixtures.ts'
import { api } from './http.ts'

export type Role = 'organiser' | 'coOrganiser' | 'checkin' | 'other' | 'admin' | 'anonymous'
export const ROLES: Role[] = ['organiser', 'coOrganiser', 'checkin', 'other', 'admin', 'anonymous']

export interface Cast {
  eventId: string
  users: Record<Exclude<Role, 'anonymous'>, TestUser>
  token(role: Role): string | undefined
  /** Seat ids of the event's seated section by label ("A1"…). */
  seats: Map<string, string>
  /** GA place ids not yet sold. */
  freePlaces: string[]
}

async function makeAdmin(sql: pg.Pool, name = 'Ada Admin'): Promise<TestUser> {
  const user = await registerUser(name)
  await sql.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1`, [user.id])
  return { id: user.id, token: await signAccessToken({ userId: user.id, role: 'ADMIN', familyId: randomUUID() }, inject('authSecret')) }
}

export async function makeCast(sql: pg.Pool, overrides: Record<string, unknown> = {}): Promise<Cast> {
  const [organiser, coOrganiser, checkin, other] = await Promise.all([
    registerUser('Olga Organiser'), registerUser('Cora Co'), registerUser('Dora Door'), registerUser('Otto Other'),
  ])
  const admin = await makeAdmin(sql)
  const event = await createEvent(organiser!.token, overrides)
  await publish(organiser!.token, event.id)
  await addStaff(sql, event.id, coOrganiser!.id, 'CO_ORGANISER')
  await addStaff(sql, event.id, checkin!.id, 'CHECKIN')
  const seatMap = (await api('GET', `/api/events/${event.id}/seats`, { token: organiser!.token })).body
  const { rows } = await sql.query(`SELECT p.id FROM places p JOIN sections s ON s.id = p.section_id WHERE p.event_id = $1 AND s.kind = 'GA' ORDER BY p.number`, [event.id])
  const users = { organiser: organiser!, coOrganiser: coOrganiser!, checkin: checkin!, other: other!, admin }
  return {
    eventId: event.id,
    users,
    token: role => (role === 'anonymous' ? undefined : users[role].token),
    seats: seatIds(seatMap),
    freePlaces: rows.map(r => r.id),
  }
}

/** A confirmed booking for `holder` on one free GA place; returns its ticket code. */
export async function newTicket(sql: pg.Pool, cast: Cast, holderId: string, priceCents = 2000): Promise<string> {
  const placeId = cast.freePlaces.shift()
  if (!placeId) throw new Error('the test event ran out of places')
  const bookingId = await insertBooking(sql, holderId, cast.eventId, [placeId], priceCents)
  // Real codes are upper-case base32; the shared fixture writes UUIDs, which the door would normalise.
  const { rows } = await sql.query(`UPDATE tickets SET code = upper(replace(code, '-', '')) WHERE booking_id = $1 RETURNING code`, [bookingId])
  return rows[0].code
}

// Issue 15, door and roles: what each ticket (and its booking, once) owes at check-in, marking a
// pay-at-venue booking paid at the door (audited, once), revenue that counts only money taken, and
// the check-in role's view without revenue or e-mail addresses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { insertBooking, sqlPool } from '../support/event-fixtures.ts'
import { api } from '../support/http.ts'
import { makeCast, newTicket, type Cast } from '../support/organising-fixtures.ts'

let sql: pg.Pool
let cast: Cast
beforeAll(async () => {
  sql = sqlPool()
  cast = await makeCast(sql)
})
afterAll(() => sql.end())

/** A confirmed pay-at-venue booking of `count` standing places at €35 each; its id and ticket codes. */
async function venueBooking(count: number): Promise<{ bookingId: string, reference: string, codes: string[] }> {
  const bookingId = await insertBooking(sql, cast.users.other.id, cast.eventId, cast.freePlaces.splice(0, count), 3500)
  await sql.query(`UPDATE bookings SET payment_status = 'DUE_AT_VENUE', payment_provider = 'pay_at_venue' WHERE id = $1`, [bookingId])
  const { rows } = await sql.query(`UPDATE tickets SET code = upper(replace(code, '-', '')) WHERE booking_id = $1 RETURNING code`, [bookingId])
  const { rows: [b] } = await sql.query('SELECT reference FROM bookings WHERE id = $1', [bookingId])
  return { bookingId, reference: b.reference, codes: rows.map(r => r.code) }
}
const scan = (token: string, ticketCode: string) => api('POST', `/api/events/${cast.eventId}/checkin`, { token, body: { ticketCode } })
const pay = (token: string | undefined, bookingId: string, body: unknown = { method: 'CASH' }) => api('POST', `/api/bookings/${bookingId}/venue-payment`, { token, body })
const myEvent = async (token: string) => (await api('GET', '/api/organiser/events', { token })).body.items.find((e: { id: string }) => e.id === cast.eventId)

describe('what the door collects', () => {
  it('asks €35 for each ticket of a €105 booking and the booking\'s €105 once, until it is marked paid', async () => {
    const { bookingId, reference, codes } = await venueBooking(3)
    const first = await scan(cast.users.checkin.token, codes[0]!)
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body.due).toEqual({ amountCents: 3500, currency: 'EUR' })
    expect(first.body.booking).toEqual({ id: bookingId, reference, due: { amountCents: 10500, currency: 'EUR' }, tickets: 3, checkedIn: 1 })

    const paid = await pay(cast.users.checkin.token, bookingId, { method: 'CASH' })
    expect(paid.status, JSON.stringify(paid.body)).toBe(200)
    expect(paid.body).toMatchObject({ bookingId, reference, payment: { status: 'PAID', method: 'CASH', amount: { amountCents: 10500, currency: 'EUR' } }, due: { amountCents: 0 } })

    const second = await scan(cast.users.checkin.token, codes[1]!)
    expect(second.body.due.amountCents).toBe(0)
    expect(second.body.booking).toMatchObject({ due: { amountCents: 0 }, checkedIn: 2, tickets: 3 })
    expect(second.body.payment.status).toBe('PAID')

    const again = await pay(cast.users.organiser.token, bookingId, { method: 'CARD' })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ code: 'CONFLICT', details: { reason: 'ALREADY_PAID' } })

    const { rows } = await sql.query(`SELECT a.action, a.actor_id, a.data FROM audit_log a WHERE a.target_id = $1`, [bookingId])
    expect(rows).toEqual([{ action: 'booking.paid_at_venue', actor_id: cast.users.checkin.id, data: { reference, holder: 'Otto Other', amountCents: 10500, currency: 'EUR', method: 'CASH' } }])
    const audit = await api('GET', `/api/events/${cast.eventId}/audit`, { token: cast.users.organiser.token })
    expect(audit.body.items[0]).toMatchObject({ action: 'booking.paid_at_venue', actor: { name: 'Dora Door' } })
  })

  it('records one payment when two doors mark the same booking at once', async () => {
    const { bookingId } = await venueBooking(2)
    const results = await Promise.all([pay(cast.users.checkin.token, bookingId), pay(cast.users.coOrganiser.token, bookingId, { method: 'CARD' })])
    expect(results.map(r => r.status).sort()).toEqual([200, 409])
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1`, [bookingId])
    expect(rows[0].n).toBe(1)
  })

  it('lets only the event\'s door team mark a booking paid, and only a pay-at-venue one', async () => {
    const { bookingId } = await venueBooking(1)
    expect((await pay(undefined, bookingId)).status).toBe(401)
    expect((await pay(cast.users.other.token, bookingId)).status).toBe(404) // the buyer is no door staff
    expect((await pay(cast.users.admin.token, bookingId)).status).toBe(403)
    expect((await pay(cast.users.checkin.token, bookingId, { method: 'CHEQUE' })).body.code).toBe('VALIDATION_FAILED')
    expect((await pay(cast.users.checkin.token, '0190a0a0-0000-7000-8000-000000000000')).status).toBe(404)
    const free = await newTicket(sql, cast, cast.users.other.id)
    const { rows: [b] } = await sql.query('SELECT booking_id FROM tickets WHERE code = $1', [free])
    const refused = await pay(cast.users.organiser.token, b.booking_id)
    expect(refused.status).toBe(409)
    expect(refused.body.details.reason).toBe('NOT_PAY_AT_VENUE')
    expect((await pay(cast.users.organiser.token, bookingId, { method: 'CARD' })).status).toBe(200)
  })
})

describe('revenue', () => {
  it('counts money taken, shows what is due apart, and moves it over once paid at the door', async () => {
    const fresh = await makeCast(sql)
    const before = cast
    cast = fresh
    try {
      const { bookingId } = await venueBooking(2)
      const listed = await myEvent(cast.users.organiser.token)
      expect(listed.revenue).toEqual({ amountCents: 0, currency: 'EUR' })
      expect(listed.due).toEqual({ amountCents: 7000, currency: 'EUR' })
      const dashboard = (await api('GET', `/api/events/${cast.eventId}/dashboard`, { token: cast.users.organiser.token })).body
      const standing = dashboard.sections.find((s: { name: string }) => s.name === 'Standing')
      expect(standing).toMatchObject({ revenueCents: 0, dueCents: 7000 })

      expect((await pay(cast.users.checkin.token, bookingId)).status).toBe(200)
      const after = await myEvent(cast.users.organiser.token)
      expect(after.revenue).toEqual({ amountCents: 7000, currency: 'EUR' })
      expect(after.due).toEqual({ amountCents: 0, currency: 'EUR' })
      const dash = (await api('GET', `/api/events/${cast.eventId}/dashboard`, { token: cast.users.organiser.token })).body
      expect(dash.sections.find((s: { name: string }) => s.name === 'Standing')).toMatchObject({ revenueCents: 7000, dueCents: 0 })
    } finally {
      cast = before
    }
  })
})

describe('what check-in staff see', () => {
  it('no revenue figures in their event list', async () => {
    const listed = await myEvent(cast.users.checkin.token)
    expect(listed).toMatchObject({ role: 'CHECKIN', revenue: null, due: null, refunded: null })
    expect((await myEvent(cast.users.coOrganiser.token)).revenue).toEqual({ amountCents: expect.any(Number), currency: 'EUR' })
  })

  it('attendees with names, places, codes and dues but no e-mail addresses, not even to search by', async () => {
    const { codes, reference } = await venueBooking(1)
    const { rows: [holder] } = await sql.query('SELECT email FROM users WHERE id = $1', [cast.users.other.id])
    const door = await api('GET', `/api/events/${cast.eventId}/attendees?q=${reference}`, { token: cast.users.checkin.token })
    expect(door.status).toBe(200)
    expect(door.body.items).toHaveLength(1)
    expect(door.body.items[0]).toMatchObject({ holder: { name: 'Otto Other' }, ticketCode: codes[0], bookingReference: reference, due: { amountCents: 3500 } })
    expect(door.body.items[0].holder).not.toHaveProperty('email')
    expect(JSON.stringify(door.body)).not.toContain('@')
    const byEmail = await api('GET', `/api/events/${cast.eventId}/attendees?q=${encodeURIComponent(holder.email)}`, { token: cast.users.checkin.token })
    expect(byEmail.body.total).toBe(0)
    const organiser = await api('GET', `/api/events/${cast.eventId}/attendees?q=${encodeURIComponent(holder.email)}`, { token: cast.users.organiser.token })
    expect(organiser.body.total).toBeGreaterThan(0)
    expect(organiser.body.items[0].holder.email).toBe(holder.email)
  })
})

// Cancelling an event releases everything on it exactly once, and the organiser's list shows the
// sales figures — black-box, with holds and bookings written straight to the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { api } from '../support/http.ts'
import { addStaff, createEvent, insertBooking, insertHold, insertWaitlist, outboxCount, publish, registerUser, seatIds, sqlPool, type TestUser } from '../support/event-fixtures.ts'

let sql: pg.Pool
let organiser: TestUser
let buyer: TestUser
let other: TestUser
beforeAll(async () => {
  sql = sqlPool()
  organiser = await registerUser('Olga Organiser')
  buyer = await registerUser('Bea Buyer')
  other = await registerUser('Otto Other')
})
afterAll(() => sql.end())

const seatMap = async (id: string) => (await api('GET', `/api/events/${id}/seats`, { token: organiser.token })).body
const cancel = (token: string, id: string) => api('POST', `/api/events/${id}/cancel`, { token })

describe('POST /api/events/:id/cancel', () => {
  it('cancels bookings, voids tickets, frees places, lapses the waitlist and announces it once, even when called twice at once', async () => {
    const event = await createEvent(organiser.token)
    await publish(organiser.token, event.id)
    const ids = seatIds(await seatMap(event.id))
    const first = await insertBooking(sql, buyer.id, event.id, [ids.get('A1')!, ids.get('A2')!], 4500)
    const second = await insertBooking(sql, other.id, event.id, [ids.get('B1')!], 4500)
    const hold = await insertHold(sql, organiser.id, event.id, [ids.get('C1')!])
    const waiting = await insertWaitlist(sql, other.id, event.id)

    expect((await cancel(other.token, event.id)).status).toBe(404)
    const results = await Promise.all([cancel(organiser.token, event.id), cancel(organiser.token, event.id)])
    expect(results.map(r => r.status)).toEqual([200, 200])
    expect(results.map(r => r.body.status)).toEqual(['CANCELLED', 'CANCELLED'])

    const { rows: bookings } = await sql.query('SELECT id, status, cancelled_at FROM bookings WHERE event_id = $1', [event.id])
    expect(bookings).toHaveLength(2)
    for (const b of bookings) expect(b).toMatchObject({ status: 'CANCELLED', cancelled_at: expect.any(Date) })
    const { rows: tickets } = await sql.query('SELECT voided_at FROM tickets WHERE booking_id = ANY($1::uuid[])', [[first, second]])
    expect(tickets).toHaveLength(3)
    for (const t of tickets) expect(t.voided_at).toBeInstanceOf(Date)
    const { rows: claimed } = await sql.query('SELECT count(*)::int AS n FROM places WHERE event_id = $1 AND (booking_id IS NOT NULL OR hold_id IS NOT NULL)', [event.id])
    expect(claimed[0].n).toBe(0)
    const { rows: holds } = await sql.query('SELECT status, ended_at FROM holds WHERE id = $1', [hold])
    expect(holds[0]).toMatchObject({ status: 'RELEASED', ended_at: expect.any(Date) })
    const { rows: entries } = await sql.query('SELECT status FROM waitlist_entries WHERE id = $1', [waiting])
    expect(entries[0].status).toBe('LAPSED')

    const { rows: messages } = await sql.query(`SELECT aggregate_id, payload FROM outbox_messages WHERE routing_key = 'booking.cancelled' AND payload->>'eventId' = $1`, [event.id])
    expect(messages.map(m => m.aggregate_id).sort()).toEqual([first, second].sort())
    for (const m of messages) expect(m.payload).toMatchObject({ eventId: event.id, reason: 'EVENT_CANCELLED', reference: expect.stringMatching(/^BK-/) })
    expect(await outboxCount(sql, 'event.cancelled', event.id)).toBe(1)
    const { rows: audit } = await sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE event_id = $1 AND action = 'event.cancelled'`, [event.id])
    expect(audit[0].n).toBe(1)

    const again = await cancel(organiser.token, event.id)
    expect(again.status).toBe(200)
    expect(await outboxCount(sql, 'event.cancelled', event.id)).toBe(1)
    expect(await outboxCount(sql, 'booking.cancelled', first)).toBe(1)

    const seen = await api('GET', `/api/events/${event.id}`, { token: other.token })
    expect(seen.body).toMatchObject({ status: 'CANCELLED', cancelledAt: expect.any(String), availability: { available: 50, total: 50 } })
    const edit = await api('PATCH', `/api/events/${event.id}`, { token: organiser.token, body: { title: 'Back on' } })
    expect(edit.status).toBe(409)
    expect(edit.body.code).toBe('EVENT_CANCELLED')
    const republish = await api('POST', `/api/events/${event.id}/publish`, { token: organiser.token })
    expect(republish.status).toBe(409)
    expect(republish.body.code).toBe('EVENT_CANCELLED')
  })

  it('cancels a draft with nothing on it', async () => {
    const event = await createEvent(organiser.token)
    const res = await cancel(organiser.token, event.id)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('CANCELLED')
    expect(await outboxCount(sql, 'event.cancelled', event.id)).toBe(1)
  })
})

describe('GET /api/organiser/events', () => {
  it('lists the events I organise or staff, any status, with sold, held, available and revenue', async () => {
    const me = await registerUser('Mia Manager')
    const draft = await createEvent(me.token, { title: 'My draft' })
    const live = await createEvent(me.token, { title: 'My live show' })
    await publish(me.token, live.id)
    const ids = seatIds(await (await api('GET', `/api/events/${live.id}/seats`, { token: me.token })).body)
    await insertBooking(sql, buyer.id, live.id, [ids.get('A1')!, ids.get('A2')!], 4500)
    await insertBooking(sql, other.id, live.id, [ids.get('A3')!], 3000)
    const cancelled = await insertBooking(sql, other.id, live.id, [ids.get('A4')!], 9999)
    await sql.query(`UPDATE bookings SET status = 'CANCELLED' WHERE id = $1`, [cancelled])
    await sql.query('UPDATE tickets SET voided_at = now() WHERE booking_id = $1', [cancelled])
    await sql.query('UPDATE places SET booking_id = NULL WHERE booking_id = $1', [cancelled])
    await insertHold(sql, buyer.id, live.id, [ids.get('B1')!, ids.get('B2')!])
    await insertHold(sql, other.id, live.id, [ids.get('C1')!], -5)
    const staffed = await createEvent(organiser.token, { title: 'Their show' })
    await addStaff(sql, staffed.id, me.id, 'CO_ORGANISER')
    await createEvent(organiser.token, { title: 'Not mine' })

    const res = await api('GET', '/api/organiser/events?page=1&pageSize=10', { token: me.token })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ page: 1, pageSize: 10, total: 3 })
    const byTitle = new Map(res.body.items.map((e: { title: string }) => [e.title, e]))
    expect([...byTitle.keys()].sort()).toEqual(['My draft', 'My live show', 'Their show'])
    expect(byTitle.get('My live show')).toMatchObject({
      id: live.id, status: 'PUBLISHED', role: 'ORGANISER', sold: 3, held: 2, available: 45,
      revenue: { amountCents: 12_000, currency: 'EUR' }, availability: { available: 45, total: 50 },
    })
    expect(byTitle.get('My draft')).toMatchObject({ id: draft.id, status: 'DRAFT', sold: 0, held: 0, available: 50, revenue: { amountCents: 0, currency: 'EUR' } })
    expect(byTitle.get('Their show')).toMatchObject({ role: 'CO_ORGANISER' })

    const paged = await api('GET', '/api/organiser/events?page=2&pageSize=2', { token: me.token })
    expect(paged.body.items).toHaveLength(1)
    expect((await api('GET', '/api/organiser/events')).status).toBe(401)
    const bad = await api('GET', '/api/organiser/events?pageSize=500', { token: me.token })
    expect(bad.status).toBe(400)
    expect(bad.body.details.issues.map((i: { path: string }) => i.path)).toContain('pageSize')
  })
})

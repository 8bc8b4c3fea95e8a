// The door: one admission per ticket however many phones scan it at once, a refused second scan
// that says when and by whom, tickets of other events or voided ones unknown, what is due at the
// door, the offline list with its ETag, and offline scans synced idempotently with conflicts found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { sqlPool } from '../support/event-fixtures.ts'
import { api } from '../support/http.ts'
import { makeCast, newTicket, type Cast } from '../support/organising-fixtures.ts'

let sql: pg.Pool
let cast: Cast
let otherEvent: Cast
beforeAll(async () => {
  sql = sqlPool()
  cast = await makeCast(sql)
  otherEvent = await makeCast(sql)
})
afterAll(() => sql.end())

const scan = (token: string, body: Record<string, unknown>, eventId = cast.eventId) => api('POST', `/api/events/${eventId}/checkin`, { token, body })
const sync = (token: string, body: Record<string, unknown>) => api('POST', `/api/events/${cast.eventId}/checkin/sync`, { token, body })
const scansOf = async (code: string) => (await sql.query('SELECT device_id, outcome, scanned_at FROM check_in_scans WHERE code = $1 ORDER BY scanned_at, outcome', [code])).rows

describe('POST /api/events/:id/checkin', () => {
  it('admits once, then refuses saying when and by whom, and records every scan', async () => {
    const code = await newTicket(sql, cast, cast.users.other.id)
    const first = await scan(cast.users.checkin.token, { ticketCode: code.toLowerCase().replace(/(.{4})/g, '$1 ') })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body).toMatchObject({
      outcome: 'ADMITTED', ticket: { code, checkedInAt: expect.any(String) },
      seat: { label: expect.stringMatching(/^GA-/), section: 'Standing' }, holder: { name: 'Otto Other' },
      payment: { status: 'NOT_REQUIRED', amount: { amountCents: 2000, currency: 'EUR' } },
    })
    const second = await scan(cast.users.organiser.token, { ticketCode: code })
    expect(second.status).toBe(409)
    expect(second.body).toMatchObject({ code: 'ALREADY_CHECKED_IN', details: { checkedInAt: first.body.ticket.checkedInAt, checkedInBy: 'Dora Door', holder: { name: 'Otto Other' } } })
    expect((await scansOf(code)).map(s => s.outcome).sort()).toEqual(['ADMITTED', 'ALREADY_CHECKED_IN'])
  })

  it('admits exactly one of ten simultaneous scans of one ticket', async () => {
    const code = await newTicket(sql, cast, cast.users.other.id)
    const tokens = [cast.users.organiser.token, cast.users.coOrganiser.token, cast.users.checkin.token]
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => scan(tokens[i % 3]!, { ticketCode: code, deviceId: `door-${i}` })))
    expect(results.map(r => r.status).sort()).toEqual([200, ...Array(9).fill(409)])
    const { rows } = await sql.query('SELECT checked_in_at FROM tickets WHERE code = $1', [code])
    const winner = results.find(r => r.status === 200)!
    expect(rows[0].checked_in_at.toISOString()).toBe(winner.body.ticket.checkedInAt)
    for (const r of results.filter(x => x.status === 409)) expect(r.body.details.checkedInAt).toBe(winner.body.ticket.checkedInAt)
    const outcomes = (await scansOf(code)).map(s => s.outcome)
    expect(outcomes.filter(o => o === 'ADMITTED')).toHaveLength(1)
    expect(outcomes).toHaveLength(10)
  })

  it('does not know made-up codes, voided tickets or another event\'s tickets', async () => {
    const voided = await newTicket(sql, cast, cast.users.other.id)
    await sql.query('UPDATE tickets SET voided_at = now() WHERE code = $1', [voided])
    const foreign = await newTicket(sql, otherEvent, otherEvent.users.other.id)
    for (const ticketCode of ['NOPE0000000000000000000000', voided, foreign]) {
      const res = await scan(cast.users.checkin.token, { ticketCode })
      expect(res.status).toBe(404)
      expect(res.body.code).toBe('UNKNOWN_TICKET')
    }
    expect((await scansOf(foreign)).map(s => s.outcome)).toEqual(['UNKNOWN_TICKET'])
  })

  it('tells the door what is still to pay for a pay-at-venue booking', async () => {
    const code = await newTicket(sql, cast, cast.users.other.id, 4500)
    await sql.query(`UPDATE bookings SET payment_status = 'DUE_AT_VENUE', payment_provider = 'pay_at_venue' WHERE id = (SELECT booking_id FROM tickets WHERE code = $1)`, [code])
    const res = await scan(cast.users.checkin.token, { ticketCode: code })
    expect(res.body.payment).toEqual({ status: 'DUE_AT_VENUE', amount: { amountCents: 4500, currency: 'EUR' } })
  })

  it('answers a device retrying the same scan with the same admission', async () => {
    const code = await newTicket(sql, cast, cast.users.other.id)
    const body = { ticketCode: code, deviceId: 'phone-retry', scannedAt: new Date().toISOString() }
    const first = await scan(cast.users.checkin.token, body)
    const retry = await scan(cast.users.checkin.token, body)
    expect([first.status, retry.status]).toEqual([200, 200])
    expect(retry.body.ticket.checkedInAt).toBe(first.body.ticket.checkedInAt)
    expect(await scansOf(code)).toHaveLength(1)
  })
})

describe('GET /api/events/:id/checkin/list', () => {
  it('lists valid ticket codes with seat and holder, and answers 304 while nothing changed', async () => {
    const code = await newTicket(sql, cast, cast.users.other.id)
    const res = await api('GET', `/api/events/${cast.eventId}/checkin/list`, { token: cast.users.checkin.token })
    expect(res.status).toBe(200)
    expect(res.body.tickets).toContainEqual({ code, seat: expect.stringMatching(/^GA-/), section: 'Standing', holder: 'Otto Other', checkedInAt: null })
    const etag = res.headers.get('etag')!
    expect(etag).toMatch(/^".+"$/)
    const again = await api('GET', `/api/events/${cast.eventId}/checkin/list`, { token: cast.users.checkin.token, headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    await scan(cast.users.checkin.token, { ticketCode: code })
    const changed = await api('GET', `/api/events/${cast.eventId}/checkin/list`, { token: cast.users.checkin.token, headers: { 'if-none-match': etag } })
    expect(changed.status).toBe(200)
    expect(changed.headers.get('etag')).not.toBe(etag)
  })
})

describe('POST /api/events/:id/checkin/sync', () => {
  it('applies offline scans in time order, once, however often a device re-sends them', async () => {
    const [a, b] = [await newTicket(sql, cast, cast.users.other.id), await newTicket(sql, cast, cast.users.other.id)]
    const t0 = Date.now() - 60_000
    const scans = [{ ticketCode: b, scannedAt: new Date(t0 + 2000).toISOString() }, { ticketCode: a, scannedAt: new Date(t0).toISOString() }, { ticketCode: 'NOPE', scannedAt: new Date(t0 + 3000).toISOString() }]
    const first = await sync(cast.users.checkin.token, { deviceId: 'phone-1', scans })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body.results.map((r: any) => [r.ticketCode, r.outcome, r.duplicate])).toEqual([[a, 'ADMITTED', false], [b, 'ADMITTED', false], ['NOPE', 'UNKNOWN_TICKET', false]])
    expect(first.body.conflicts).toEqual([])
    const { rows } = await sql.query('SELECT checked_in_at FROM tickets WHERE code = $1', [a])
    expect(rows[0].checked_in_at.toISOString()).toBe(new Date(t0).toISOString())

    const [again, concurrent] = await Promise.all([sync(cast.users.checkin.token, { deviceId: 'phone-1', scans }), sync(cast.users.checkin.token, { deviceId: 'phone-1', scans })])
    for (const res of [again, concurrent]) {
      expect(res.body.results.map((r: any) => [r.outcome, r.duplicate])).toEqual([['ADMITTED', true], ['ADMITTED', true], ['UNKNOWN_TICKET', true]])
    }
    expect(await scansOf(a)).toHaveLength(1)
    expect(await scansOf(b)).toHaveLength(1)
  })

  it('reports a ticket admitted on two offline devices as a conflict, the later admission marked', async () => {
    const code = await newTicket(sql, cast, cast.users.other.id)
    const early = new Date(Date.now() - 120_000).toISOString()
    const late = new Date(Date.now() - 60_000).toISOString()
    // The later scan reaches the server first; the earlier one arrives afterwards and takes over.
    const second = await sync(cast.users.checkin.token, { deviceId: 'phone-B', scans: [{ ticketCode: code, scannedAt: late }] })
    expect(second.body.results[0].outcome).toBe('ADMITTED')
    const first = await sync(cast.users.coOrganiser.token, { deviceId: 'phone-A', scans: [{ ticketCode: code, scannedAt: early }] })
    expect(first.body.results[0].outcome).toBe('ADMITTED')
    expect(first.body.conflicts).toEqual([{ ticketCode: code, devices: ['phone-A', 'phone-B'], times: [early, late], seat: expect.stringMatching(/^Standing GA-/), holder: 'Otto Other' }])
    expect((await scansOf(code)).map(s => [s.device_id, s.outcome])).toEqual([['phone-A', 'ADMITTED'], ['phone-B', 'CONFLICT']])
    const { rows } = await sql.query('SELECT checked_in_at FROM tickets WHERE code = $1', [code])
    expect(rows[0].checked_in_at.toISOString()).toBe(early)

    const third = await sync(cast.users.checkin.token, { deviceId: 'phone-C', scans: [{ ticketCode: code, scannedAt: new Date().toISOString() }] })
    expect(third.body.results[0].outcome).toBe('CONFLICT')
    expect(third.body.conflicts[0].devices).toEqual(['phone-A', 'phone-B', 'phone-C'])
    const resent = await sync(cast.users.checkin.token, { deviceId: 'phone-B', scans: [{ ticketCode: code, scannedAt: late }] })
    expect(resent.body.results[0]).toMatchObject({ outcome: 'CONFLICT', duplicate: true })
    expect(resent.body.conflicts).toHaveLength(1)
    const { rows: audit } = await sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE event_id = $1 AND action = 'checkin.synced'`, [cast.eventId])
    expect(audit[0].n).toBeGreaterThanOrEqual(4)
  })

  it('refuses a malformed upload field by field', async () => {
    const res = await sync(cast.users.checkin.token, { deviceId: '', scans: [{ ticketCode: 'X', scannedAt: 'yesterday' }] })
    expect(res.status).toBe(400)
    expect(res.body.details.issues.map((i: any) => i.path).sort()).toEqual(['deviceId', 'scans.0.scannedAt'])
  })
})

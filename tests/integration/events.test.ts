// Events: create, see, publish, validate and export as iCalendar — black-box against the built server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { api, baseUrl } from '../support/http.ts'
import { addStaff, createEvent, eventBody, inHours, outboxCount, PASSWORD, publish, registerUser, sqlPool, type TestUser } from '../support/event-fixtures.ts'

let sql: pg.Pool
let organiser: TestUser
let stranger: TestUser
beforeAll(async () => {
  sql = sqlPool()
  organiser = await registerUser('Olga Organiser')
  stranger = await registerUser('Stan Stranger')
})
afterAll(() => sql.end())

describe('POST /api/events', () => {
  it('creates a draft with one place per seat and per GA unit', async () => {
    const event = await createEvent(organiser.token, { holdMinutes: 15 })
    expect(event).toMatchObject({
      status: 'DRAFT', title: 'Fado, Guitar; and Song', timezone: 'Europe/Lisbon', holdMinutes: 15,
      organiser: { id: organiser.id, name: 'Olga Organiser' },
      venue: { name: 'Coliseu', address: 'Rua das Portas 96', city: 'Lisbon' },
      availability: { available: 50, total: 50 },
      priceFrom: { amountCents: 2000, currency: 'EUR' },
    })
    // Sent without ticket types, each section sells under one "Standard" type at its price.
    const standard = (amountCents: number, available: number) => [{
      id: expect.any(String), name: 'Standard', price: { amountCents, currency: 'EUR' }, description: null, salesStart: null, salesEnd: null,
      maxPerOrder: null, quota: null, hidden: false, available, state: 'ON_SALE',
    }]
    expect(event.sections).toEqual([
      { id: expect.any(String), name: 'Stalls', kind: 'SEATED', price: { amountCents: 4500, currency: 'EUR' }, ticketTypes: standard(4500, 20), capacity: 20, available: 20, entrance: 'Door A', rows: 4, seatsPerRow: 5 },
      { id: expect.any(String), name: 'Standing', kind: 'GA', price: { amountCents: 2000, currency: 'EUR' }, ticketTypes: standard(2000, 30), capacity: 30, available: 30, entrance: null, rows: null, seatsPerRow: null },
    ])

    const seats = await api('GET', `/api/events/${event.id}/seats`, { token: organiser.token })
    expect(seats.status).toBe(200)
    const [stalls, standing] = seats.body.sections
    expect(stalls.rows.map((r: { label: string }) => r.label)).toEqual(['A', 'B', 'C', 'D'])
    expect(stalls.rows[0].seats.map((s: { label: string }) => s.label)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5'])
    expect(stalls.rows[1].seats[2]).toMatchObject({ label: 'B3', row: 'B', number: 3, x: expect.any(Number), y: expect.any(Number), status: 'AVAILABLE' })
    expect(stalls.rows.flatMap((r: { seats: { status: string }[] }) => r.seats.map(s => s.status))).toEqual(Array(20).fill('AVAILABLE'))
    expect(standing).toMatchObject({ kind: 'GA', capacity: 30, available: 30, rows: [] })
    const { rows } = await sql.query('SELECT count(*)::int AS n FROM places WHERE event_id = $1', [event.id])
    expect(rows[0].n).toBe(50)
  })

  it('uses the configured default hold length', async () => {
    const event = await createEvent(organiser.token)
    expect(event.holdMinutes).toBe(10)
  })

  it('refuses anonymous callers with 401', async () => {
    const res = await api('POST', '/api/events', { body: eventBody() })
    expect(res.status).toBe(401)
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['no title', { title: '' }, 'title'],
    ['a start in the past', { startsAt: inHours(-1) }, 'startsAt'],
    ['an end before the start', { endsAt: inHours(1) }, 'endsAt'],
    ['an unknown time zone', { timezone: 'Moon/Tranquility' }, 'timezone'],
    ['a venue without city', { venue: { name: 'X', address: 'Y' } }, 'venue.city'],
    ['a hold length of 61', { holdMinutes: 61 }, 'holdMinutes'],
    ['mixed currencies', { sections: [{ name: 'A', kind: 'GA', priceCents: 1, currency: 'EUR', capacity: 1 }, { name: 'B', kind: 'GA', priceCents: 1, currency: 'USD', capacity: 1 }] }, 'sections.1.currency'],
    ['duplicate section names', { sections: [{ name: 'A', kind: 'GA', priceCents: 1, currency: 'EUR', capacity: 1 }, { name: 'A', kind: 'GA', priceCents: 1, currency: 'EUR', capacity: 1 }] }, 'sections.1.name'],
    ['too many places', { sections: [{ name: 'A', kind: 'GA', priceCents: 1, currency: 'EUR', capacity: 20_001 }] }, 'sections.0.capacity'],
    ['a seated section without rows', { sections: [{ name: 'A', kind: 'SEATED', priceCents: 1, currency: 'EUR', seatsPerRow: 4 }] }, 'sections.0.rows'],
    ['a price above the limit', { sections: [{ name: 'A', kind: 'GA', priceCents: 10_000_001, currency: 'EUR', capacity: 1 }] }, 'sections.0.priceCents'],
    ['21 sections', { sections: Array.from({ length: 21 }, (_, i) => ({ name: `S${i}`, kind: 'GA', priceCents: 1, currency: 'EUR', capacity: 1 })) }, 'sections'],
  ])('answers 400 VALIDATION_FAILED for %s, naming %s', async (_, overrides, field) => {
    const res = await api('POST', '/api/events', { token: organiser.token, body: eventBody(overrides) })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_FAILED')
    expect(res.body.details.issues.map((i: { path: string }) => i.path)).toContain(field)
  })

  it('answers the 5,000-seat map in one quick request', async () => {
    const event = await createEvent(organiser.token, { sections: [{ name: 'Arena', kind: 'SEATED', priceCents: 1000, currency: 'EUR', rows: 50, seatsPerRow: 100 }] })
    const started = Date.now()
    const seats = await api('GET', `/api/events/${event.id}/seats`, { token: organiser.token })
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(seats.body.sections[0].rows).toHaveLength(50)
    expect(seats.body.sections[0].rows.at(-1)).toMatchObject({ label: 'AX' })
    expect(seats.body.sections[0].rows.at(-1).seats.at(-1)).toMatchObject({ label: 'AX100', status: 'AVAILABLE' })
  })
})

describe('visibility and publishing', () => {
  it('hides a draft from everyone but its team, then shows it once published', async () => {
    const event = await createEvent(organiser.token, { title: `Secret draft ${Date.now()}` })
    for (const path of [`/api/events/${event.id}`, `/api/events/${event.id}/seats`, `/api/events/${event.id}/calendar.ics`]) {
      expect((await api('GET', path, { token: stranger.token })).status, path).toBe(404)
      expect((await api('GET', path)).status, path).toBe(404)
      expect((await api('GET', path, { token: organiser.token })).status, path).toBe(200)
    }
    const listed = await api('GET', `/api/events?organiserId=${organiser.id}&pageSize=100`)
    expect(listed.body.items.map((e: { id: string }) => e.id)).not.toContain(event.id)

    const checkin = await registerUser('Chris Checkin')
    await addStaff(sql, event.id, checkin.id, 'CHECKIN')
    expect((await api('GET', `/api/events/${event.id}`, { token: checkin.token })).status).toBe(200)
    expect((await api('POST', `/api/events/${event.id}/publish`, { token: checkin.token })).status).toBe(404)
    expect((await api('POST', `/api/events/${event.id}/publish`, { token: stranger.token })).status).toBe(404)

    const admin = await registerUser('Ada Admin')
    const { rows: [adminRow] } = await sql.query(`UPDATE users SET role = 'ADMIN' WHERE id = $1 RETURNING email`, [admin.id])
    const login = await api('POST', '/api/auth/login', { body: { email: adminRow.email, password: PASSWORD } })
    expect((await api('GET', `/api/events/${event.id}/seats`, { token: login.body.accessToken })).status).toBe(200)

    const published = await publish(organiser.token, event.id)
    expect(published).toMatchObject({ id: event.id, status: 'PUBLISHED', publishedAt: expect.any(String) })
    expect((await publish(organiser.token, event.id)).publishedAt).toBe(published.publishedAt)
    expect(await outboxCount(sql, 'event.published', event.id)).toBe(1)
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM audit_log WHERE event_id = $1 AND action = 'event.published'`, [event.id])
    expect(rows[0].n).toBe(1)

    expect((await api('GET', `/api/events/${event.id}`, { token: stranger.token })).body.status).toBe('PUBLISHED')
    const relisted = await api('GET', `/api/events?organiserId=${organiser.id}&pageSize=100`)
    expect(relisted.body.items.map((e: { id: string }) => e.id)).toContain(event.id)
  })

  it.each(['not-a-uuid', '00000000-0000-0000-0000-000000000000'])('answers 404 for the event id %s', async (id) => {
    for (const path of [`/api/events/${id}`, `/api/events/${id}/seats`, `/api/events/${id}/calendar.ics`]) {
      const res = await api('GET', path, { token: organiser.token })
      expect(res.status, path).toBe(404)
      expect(res.body.code).toBe('NOT_FOUND')
    }
    expect((await api('PATCH', `/api/events/${id}`, { token: organiser.token, body: { title: 'x' } })).status).toBe(404)
  })

  it('refuses to publish an event whose start has passed with 409 EVENT_STARTED', async () => {
    const event = await createEvent(organiser.token)
    await sql.query(`UPDATE events SET starts_at = now() - interval '1 hour' WHERE id = $1`, [event.id])
    const res = await api('POST', `/api/events/${event.id}/publish`, { token: organiser.token })
    expect(res.status).toBe(409)
    expect(res.body.code).toBe('EVENT_STARTED')
    expect(await outboxCount(sql, 'event.published', event.id)).toBe(0)
  })
})

describe('GET /api/events/:id/calendar.ics', () => {
  it('is a valid iCalendar file for the event', async () => {
    const event = await createEvent(organiser.token)
    await publish(organiser.token, event.id)
    const res = await fetch(`${baseUrl()}/api/events/${event.id}/calendar.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    const text = await res.text()
    expect(text.endsWith('\r\n')).toBe(true)
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
    const lines = text.replace(/\r\n /g, '').split('\r\n')
    const utc = (iso: string) => iso.replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '')
    expect(lines).toEqual(expect.arrayContaining([
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'BEGIN:VEVENT', `UID:${event.id}@bookify`,
      `DTSTART:${utc(event.startsAt)}`, `DTEND:${utc(event.endsAt)}`,
      'SUMMARY:Fado\\, Guitar\\; and Song', 'LOCATION:Coliseu\\, Rua das Portas 96\\, Lisbon',
      'DESCRIPTION:An evening of fado.\\nDoors open at 19:00.', `URL;VALUE=URI:${baseUrl()}/events/${event.id}`,
      'END:VEVENT', 'END:VCALENDAR',
    ]))
    expect(lines.find(l => l.startsWith('DTSTAMP:'))).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/)
  })
})

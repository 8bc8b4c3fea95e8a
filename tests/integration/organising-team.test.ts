// Attendees (JSON search and the CSV a spreadsheet opens), the team (who may add and remove whom,
// each change audited), the dashboard's figures, and the platform admin switching users and
// events off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { insertHold, insertWaitlist, PASSWORD, registerUser, sqlPool } from '../support/event-fixtures.ts'
import { api, baseUrl, uniqueEmail } from '../support/http.ts'
import { makeCast, newTicket, type Cast } from '../support/organising-fixtures.ts'

let sql: pg.Pool
let cast: Cast
beforeAll(async () => {
  sql = sqlPool()
  cast = await makeCast(sql)
})
afterAll(() => sql.end())

async function signUp(name: string): Promise<{ id: string, email: string }> {
  const email = uniqueEmail('team')
  const res = await api('POST', '/api/auth/register', { body: { email, password: PASSWORD, name } })
  expect(res.status).toBe(201)
  return { id: res.body.user.id, email }
}

describe('GET /api/events/:id/attendees', () => {
  it('lists and searches valid tickets, and exports RFC 4180 CSV with a BOM', async () => {
    const tricky = await registerUser('Smith, "Jo"\nJunior')
    const plain = await registerUser('Émile Zola')
    await newTicket(sql, cast, tricky.id)
    await newTicket(sql, cast, plain.id)
    const voided = await newTicket(sql, cast, plain.id)
    await sql.query('UPDATE tickets SET voided_at = now() WHERE code = $1', [voided])

    const list = await api('GET', `/api/events/${cast.eventId}/attendees`, { token: cast.users.organiser.token })
    expect(list.body.total).toBe(2)
    expect(list.body.items.find((a: any) => a.holder.name === 'Émile Zola')).toMatchObject({ holder: { name: 'Émile Zola', email: expect.stringContaining('@') }, section: { name: 'Standing' }, bookingReference: expect.stringMatching(/^BK-/), checkedInAt: null })
    const found = await api('GET', `/api/events/${cast.eventId}/attendees?q=smith`, { token: cast.users.checkin.token })
    expect(found.body.items.map((a: any) => a.holder.name)).toEqual(['Smith, "Jo"\nJunior'])
    const wildcard = await api('GET', `/api/events/${cast.eventId}/attendees?q=%25`, { token: cast.users.organiser.token })
    expect(wildcard.body.total).toBe(0)

    const res = await fetch(`${baseUrl()}/api/events/${cast.eventId}/attendees?format=csv`, { headers: { authorization: `Bearer ${cast.users.coOrganiser.token}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="attendees-fado-guitar-and-song\.csv"$/)
    const bytes = new Uint8Array(await res.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xEF, 0xBB, 0xBF])
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1)
    expect(text.endsWith('\r\n')).toBe(true)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('Name,E-mail,Section,Seat,Ticket type,Promo code,Booking reference,Payment,Amount,Currency,Checked in at')
    expect(text).toContain('\r\n"Smith, ""Jo""\nJunior",')
    expect(text).toMatch(/\r\nÉmile Zola,[^,]+@example\.test,Standing,GA-\d+,Standard,,BK-\w+,NOT_REQUIRED,20\.00,EUR,\r\n/)
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3)
    const { rows } = await sql.query(`SELECT data FROM audit_log WHERE event_id = $1 AND action = 'attendees.exported'`, [cast.eventId])
    expect(rows[0].data).toEqual({ rows: 2 })
  })
})

describe('the team', () => {
  it('adds, re-roles and removes members within each role\'s limits, auditing each change', async () => {
    const co = await signUp('Nina New')
    const door = await signUp('Dan Door')
    const org = cast.users.organiser.token
    const coToken = cast.users.coOrganiser.token
    const add = (token: string, email: string, role: string) => api('POST', `/api/events/${cast.eventId}/staff`, { token, body: { email, role } })

    expect((await add(coToken, co.email, 'CO_ORGANISER')).status).toBe(403)
    const added = await add(org, co.email.toUpperCase(), 'CO_ORGANISER')
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ userId: co.id, name: 'Nina New', role: 'CO_ORGANISER' })
    expect((await add(coToken, door.email, 'CHECKIN')).status).toBe(201)
    expect((await add(coToken, co.email, 'CHECKIN')).status).toBe(403)
    expect((await add(org, door.email, 'CO_ORGANISER')).body.role).toBe('CO_ORGANISER')
    const unknown = await add(org, 'nobody-here@example.test', 'CHECKIN')
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe('UNKNOWN_USER')
    expect((await add(org, 'not an e-mail', 'CHECKIN')).status).toBe(400)

    const teamList = await api('GET', `/api/events/${cast.eventId}/staff`, { token: coToken })
    expect(teamList.body.yourRoles).toEqual(['CO_ORGANISER'])
    expect(teamList.body.members[0]).toMatchObject({ role: 'ORGANISER', name: 'Olga Organiser' })
    expect(teamList.body.members.map((m: any) => m.userId)).toEqual(expect.arrayContaining([co.id, door.id, cast.users.checkin.id]))

    expect((await api('DELETE', `/api/events/${cast.eventId}/staff/${door.id}`, { token: coToken })).status).toBe(403)
    expect((await api('DELETE', `/api/events/${cast.eventId}/staff/${door.id}`, { token: org })).status).toBe(204)
    expect((await api('DELETE', `/api/events/${cast.eventId}/staff/${door.id}`, { token: org })).status).toBe(404)
    expect((await api('GET', `/api/events/${cast.eventId}/dashboard`, { token: await loginToken(door.email) })).status).toBe(404)

    const audit = await api('GET', `/api/events/${cast.eventId}/audit?pageSize=100`, { token: org })
    const actions = audit.body.items.map((e: any) => `${e.action}:${e.data.email ?? ''}`)
    expect(actions.slice(0, 4)).toEqual([`staff.removed:${door.email}`, `staff.role_changed:${door.email}`, `staff.added:${door.email}`, `staff.added:${co.email}`])
    expect(audit.body.items[0].actor).toEqual({ id: cast.users.organiser.id, name: 'Olga Organiser' })
    expect(actions).toContain('event.published:')
  })
})

async function loginToken(email: string): Promise<string> {
  const res = await api('POST', '/api/auth/login', { body: { email, password: PASSWORD } })
  return res.body.accessToken
}

describe('GET /api/events/:id/dashboard', () => {
  it('counts sales by time and section, hold conversion, the waitlist and check-in progress', async () => {
    const fresh = await makeCast(sql)
    const code = await newTicket(sql, fresh, fresh.users.other.id)
    await newTicket(sql, fresh, fresh.users.other.id)
    await insertHold(sql, fresh.users.other.id, fresh.eventId, [fresh.seats.get('A1')!])
    await sql.query(`INSERT INTO holds (id, user_id, event_id, status, expires_at, total_cents, currency) VALUES (gen_random_uuid(), $1, $2, 'CONFIRMED', now(), 0, 'EUR')`, [fresh.users.checkin.id, fresh.eventId])
    await insertWaitlist(sql, fresh.users.coOrganiser.id, fresh.eventId)
    await api('POST', `/api/events/${fresh.eventId}/checkin`, { token: fresh.users.checkin.token, body: { ticketCode: code } })

    const res = await api('GET', `/api/events/${fresh.eventId}/dashboard`, { token: fresh.users.coOrganiser.token })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      currency: 'EUR',
      sales: { bucket: 'hour', timezone: 'Europe/Lisbon', points: [{ at: expect.any(String), tickets: 2, revenueCents: 4000 }] },
      holds: { created: 2, converted: 1, conversion: 0.5 },
      waitlist: { waiting: 1, offered: 0 },
      checkIn: { checkedIn: 1, sold: 2 },
    })
    expect(res.body.sections).toEqual([
      expect.objectContaining({ name: 'Stalls', capacity: 20, sold: 0, held: 1, available: 19, revenueCents: 0 }),
      expect.objectContaining({ name: 'Standing', capacity: 30, sold: 2, held: 0, available: 28, revenueCents: 4000 }),
    ])
  })
})

describe('the platform admin', () => {
  it('disables a user, who can no longer sign in or refresh, and enables them again', async () => {
    const victim = await signUp('Val Victim')
    const login = () => api('POST', '/api/auth/login', { body: { email: victim.email, password: PASSWORD } })
    const before = await login()
    expect(before.status).toBe(200)
    const refreshCookie = before.headers.getSetCookie().find(c => /refresh/i.test(c))!.split(';')[0]!
    const disabled = await api('POST', `/api/admin/users/${victim.id}/disable`, { token: cast.users.admin.token })
    expect(disabled.status).toBe(200)
    expect(disabled.body.disabledAt).toEqual(expect.any(String))
    expect((await login()).status).toBe(401)
    const refreshed = await api('POST', '/api/auth/refresh', { headers: { cookie: refreshCookie, origin: baseUrl() } })
    expect(refreshed.status).toBe(401)
    const { rows } = await sql.query('SELECT count(*)::int AS n FROM refresh_token_families WHERE user_id = $1 AND revoked_at IS NULL', [victim.id])
    expect(rows[0].n).toBe(0)
    expect((await api('POST', `/api/admin/users/${victim.id}/enable`, { token: cast.users.admin.token })).status).toBe(200)
    expect((await login()).status).toBe(200)
    expect((await api('POST', `/api/admin/users/${cast.users.admin.id}/disable`, { token: cast.users.admin.token })).status).toBe(409)
  })

  it('lists every event and disables one, which leaves public view but not its team\'s', async () => {
    // The run's database holds every test file's events: find this one by its title.
    const { title } = (await api('GET', `/api/events/${cast.eventId}`, { token: cast.users.organiser.token })).body
    const list = await api('GET', `/api/admin/events?pageSize=100&q=${encodeURIComponent(title)}`, { token: cast.users.admin.token })
    expect(list.body.items.some((e: any) => e.id === cast.eventId)).toBe(true)
    expect((await api('POST', `/api/admin/events/${cast.eventId}/disable`, { token: cast.users.admin.token })).body.disabledAt).toEqual(expect.any(String))
    expect((await api('GET', `/api/events/${cast.eventId}`, { token: cast.users.other.token })).status).toBe(404)
    expect((await api('GET', `/api/events/${cast.eventId}`, { token: cast.users.organiser.token })).status).toBe(200)
    await api('POST', `/api/admin/events/${cast.eventId}/enable`, { token: cast.users.admin.token })
    expect((await api('GET', `/api/events/${cast.eventId}`, { token: cast.users.other.token })).status).toBe(200)
    const { rows } = await sql.query(`SELECT action FROM audit_log WHERE event_id = $1 AND action LIKE 'event.%abled' ORDER BY created_at`, [cast.eventId])
    expect(rows.map(r => r.action)).toEqual(['event.disabled', 'event.enabled'])
  })
})

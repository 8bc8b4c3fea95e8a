// Every organising route answers every role exactly as intended: the event's team by role, a
// platform admin read-only, everyone else 404 (the event might as well not exist), anonymous 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { addStaff, registerUser, sqlPool } from '../support/event-fixtures.ts'
import { api, uniqueEmail } from '../support/http.ts'
import { makeCast, newTicket, ROLES, type Cast, type Role } from '../support/organising-fixtures.ts'

let sql: pg.Pool
let cast: Cast
beforeAll(async () => {
  sql = sqlPool()
  cast = await makeCast(sql)
})
afterAll(() => sql.end())

interface Call { method: string, path: string, body?: unknown }
interface Route {
  name: string
  /** Builds a fresh request, so a route that changes something can be called once per role. */
  call: () => Promise<Call>
  expect: Record<Role, number>
}

const ev = () => `/api/events/${cast.eventId}`
const team = (ok: number) => ({ organiser: ok, coOrganiser: ok, checkin: 403, other: 404, admin: 403, anonymous: 401 })
const reader = { organiser: 200, coOrganiser: 200, checkin: 403, other: 404, admin: 200, anonymous: 401 }
const door = { organiser: 200, coOrganiser: 200, checkin: 200, other: 404, admin: 403, anonymous: 401 }
const adminOnly = { organiser: 404, coOrganiser: 404, checkin: 404, other: 404, admin: 200, anonymous: 401 }

async function checkinMember(): Promise<string> {
  const user = await registerUser('Tessa Temp')
  await addStaff(sql, cast.eventId, user.id, 'CHECKIN')
  return user.id
}

const routes: Route[] = [
  { name: 'GET attendees', call: async () => ({ method: 'GET', path: `${ev()}/attendees` }), expect: { ...reader, checkin: 200 } },
  { name: 'GET attendees CSV', call: async () => ({ method: 'GET', path: `${ev()}/attendees?format=csv` }), expect: reader },
  { name: 'GET staff', call: async () => ({ method: 'GET', path: `${ev()}/staff` }), expect: reader },
  {
    name: 'POST staff',
    call: async () => {
      const email = uniqueEmail('invitee')
      await api('POST', '/api/auth/register', { body: { email, password: 'correct horse battery', name: 'Ivy Invitee' } })
      return { method: 'POST', path: `${ev()}/staff`, body: { email, role: 'CHECKIN' } }
    },
    expect: team(201),
  },
  { name: 'DELETE staff', call: async () => ({ method: 'DELETE', path: `${ev()}/staff/${await checkinMember()}` }), expect: team(204) },
  { name: 'POST checkin', call: async () => ({ method: 'POST', path: `${ev()}/checkin`, body: { ticketCode: await newTicket(sql, cast, cast.users.other.id) } }), expect: door },
  { name: 'POST checkin/sync', call: async () => ({ method: 'POST', path: `${ev()}/checkin/sync`, body: { deviceId: 'perm-test', scans: [] } }), expect: door },
  { name: 'GET checkin/list', call: async () => ({ method: 'GET', path: `${ev()}/checkin/list` }), expect: door },
  { name: 'GET dashboard', call: async () => ({ method: 'GET', path: `${ev()}/dashboard` }), expect: reader },
  { name: 'GET audit', call: async () => ({ method: 'GET', path: `${ev()}/audit` }), expect: reader },
  { name: 'GET admin/events', call: async () => ({ method: 'GET', path: '/api/admin/events' }), expect: adminOnly },
  { name: 'POST admin/events/:id/enable', call: async () => ({ method: 'POST', path: `/api/admin/events/${cast.eventId}/enable` }), expect: adminOnly },
  {
    name: 'POST admin/users/:id/disable',
    call: async () => ({ method: 'POST', path: `/api/admin/users/${(await registerUser('Vic Victim')).id}/disable` }),
    expect: adminOnly,
  },
  {
    name: 'POST admin/users/:id/enable',
    call: async () => ({ method: 'POST', path: `/api/admin/users/${cast.users.other.id}/enable` }),
    expect: adminOnly,
  },
]

describe.each(routes)('$name', (route) => {
  it.each(ROLES)('answers %s as intended', async (role) => {
    const { method, path, body } = await route.call()
    const res = await api(method, path, { token: cast.token(role), body })
    expect(res.status, `${role}: ${JSON.stringify(res.body)}`).toBe(route.expect[role])
    if (res.status === 404) expect(res.body.code).toBe('NOT_FOUND')
  })
})

describe('an event that does not exist', () => {
  it.each(['attendees', 'staff', 'checkin/list', 'dashboard', 'audit'])('answers GET %s with 404 even for the organiser', async (tail) => {
    const res = await api('GET', `/api/events/0190c2a4-0000-7000-8000-000000000000/${tail}`, { token: cast.users.organiser.token })
    expect(res.status).toBe(404)
    const malformed = await api('GET', `/api/events/not-a-uuid/${tail}`, { token: cast.users.organiser.token })
    expect(malformed.status).toBe(404)
  })
})

// Who may do what, table-driven: for each route, each role gets exactly the intended status
// (invariant 4). Another user's hold, booking or waitlist place, and any event the caller has no
// role on that is not public, answer 404 — never 403, so ids reveal nothing. Every (row, role)
// pair gets fresh resources, so an allowed action cannot change what the next role sees.
import { beforeAll, describe, expect, it } from 'vitest'
import { api, type Res } from '../support/http.ts'
import { bookSeat, createCast, holdSeat, ROLES, staffedDraft, staffedEvent, tokenOf, type Cast, type Role } from '../support/authz-actors.ts'
import { testDb, type TestEvent } from '../support/fixtures.ts'

let cast: Cast
beforeAll(async () => {
  cast = await createCast()
})

interface Req { method: string, path: string, body?: unknown }
interface Row {
  name: string
  /** Whose resource it is: the buyer's (holds, bookings, waitlist) or the organiser's (events). */
  owner: 'buyer' | 'organiser'
  prepare: () => Promise<Req>
  expected: Record<Role, number>
  /** Further checks on a successful answer. */
  check?: (res: Res, role: Role) => void
}

const inDays = (d: number, h = 0) => new Date(Date.now() + d * 86_400_000 + h * 3_600_000).toISOString()
const eventBody = {
  title: 'Matrix Night', category: 'Music', startsAt: inDays(20), endsAt: inDays(20, 2), timezone: 'Europe/Berlin',
  venue: { name: 'Grid Hall', address: '1 Row Street', city: 'Berlin' },
  sections: [{ name: 'Floor', kind: 'GA', priceCents: 1000, currency: 'EUR', capacity: 5 }],
}

/** Status per role, from the few that differ. */
function answers(signedIn: number, overrides: Partial<Record<Role, number>> = {}, anonymous = 401): Record<Role, number> {
  return Object.fromEntries(ROLES.map(r => [r, overrides[r] ?? (r === 'anonymous' ? anonymous : signedIn)])) as Record<Role, number>
}
const BACKSTAGE = { organiser: 200, owner: 200, coOrganiser: 200, checkin: 200, admin: 200 }
const EDITORS = { owner: 200, organiser: 200, coOrganiser: 200 }
const BUYER_ONLY = (status: number) => answers(404, { owner: status })

/** An event with the buyer on its waitlist (written directly: joining needs a sold-out sale). */
async function eventWithBuyerWaiting(): Promise<TestEvent> {
  const event = await staffedEvent(cast)
  await testDb().waitlistEntry.create({ data: { eventId: event.id, userId: cast.buyer.id, quantity: 1 } })
  return event
}

const rows: Row[] = [
  // ── events ──
  { name: 'GET a published event', owner: 'organiser', expected: answers(200, {}, 200), prepare: async () => ({ method: 'GET', path: `/api/events/${(await staffedEvent(cast)).id}` }) },
  { name: 'GET a draft', owner: 'organiser', expected: answers(404, BACKSTAGE, 404), prepare: async () => ({ method: 'GET', path: `/api/events/${(await staffedDraft(cast)).id}` }) },
  { name: 'GET a draft\'s seat map', owner: 'organiser', expected: answers(404, BACKSTAGE, 404), prepare: async () => ({ method: 'GET', path: `/api/events/${(await staffedDraft(cast)).id}/seats` }) },
  { name: 'GET a draft as iCalendar', owner: 'organiser', expected: answers(404, BACKSTAGE, 404), prepare: async () => ({ method: 'GET', path: `/api/events/${(await staffedDraft(cast)).id}/calendar.ics` }) },
  { name: 'PATCH a draft', owner: 'organiser', expected: answers(404, EDITORS), prepare: async () => ({ method: 'PATCH', path: `/api/events/${(await staffedDraft(cast)).id}`, body: { title: 'Renamed' } }) },
  { name: 'publish a draft', owner: 'organiser', expected: answers(404, EDITORS), prepare: async () => ({ method: 'POST', path: `/api/events/${(await staffedDraft(cast)).id}/publish` }) },
  { name: 'cancel a published event', owner: 'organiser', expected: answers(404, EDITORS), prepare: async () => ({ method: 'POST', path: `/api/events/${(await staffedEvent(cast)).id}/cancel` }) },
  { name: 'create an event', owner: 'organiser', expected: answers(201), prepare: async () => ({ method: 'POST', path: '/api/events', body: eventBody }) },
  {
    name: 'list my organised events', owner: 'organiser', expected: answers(200),
    prepare: async () => {
      await staffedEvent(cast)
      return { method: 'GET', path: '/api/organiser/events?pageSize=100' }
    },
    check: (res, role) => {
      // The organiser's events show up for the organiser and their team only, each with the caller's role.
      const theirs = res.body.items.filter((e: { title: string }) => e.title.startsWith('Test event '))
      const expectedRole = { owner: 'ORGANISER', organiser: 'ORGANISER', coOrganiser: 'CO_ORGANISER', checkin: 'CHECKIN' }[role as string]
      if (!expectedRole) expect(theirs).toEqual([])
      else expect(theirs.length > 0 && theirs.every((e: { role: string }) => e.role === expectedRole)).toBe(true)
    },
  },
  {
    name: 'search never shows drafts', owner: 'organiser', expected: answers(200, {}, 200),
    prepare: async () => {
      const draft = await staffedDraft(cast)
      await testDb().event.update({ where: { id: draft.id }, data: { title: 'Zyxwvutsrq hidden draft' } })
      return { method: 'GET', path: '/api/events?q=Zyxwvutsrq&pageSize=100' }
    },
    check: res => expect(res.body.items).toEqual([]),
  },
  // ── holds ──
  { name: 'GET a hold', owner: 'buyer', expected: BUYER_ONLY(200), prepare: async () => ({ method: 'GET', path: `/api/holds/${await holdSeat(cast, await staffedEvent(cast))}` }) },
  { name: 'DELETE a hold', owner: 'buyer', expected: BUYER_ONLY(204), prepare: async () => ({ method: 'DELETE', path: `/api/holds/${await holdSeat(cast, await staffedEvent(cast))}` }) },
  { name: 'extend a hold', owner: 'buyer', expected: BUYER_ONLY(200), prepare: async () => ({ method: 'POST', path: `/api/holds/${await holdSeat(cast, await staffedEvent(cast))}/extend` }) },
  { name: 'book a hold', owner: 'buyer', expected: BUYER_ONLY(201), prepare: async () => ({ method: 'POST', path: '/api/bookings', body: { holdId: await holdSeat(cast, await staffedEvent(cast)) } }) },
  // ── bookings ──
  { name: 'GET a booking', owner: 'buyer', expected: BUYER_ONLY(200), prepare: async () => ({ method: 'GET', path: `/api/bookings/${(await bookSeat(cast, await staffedEvent(cast))).bookingId}` }) },
  {
    name: 'change a booking\'s seats', owner: 'buyer', expected: BUYER_ONLY(200),
    prepare: async () => {
      const event = await staffedEvent(cast)
      const { bookingId } = await bookSeat(cast, event)
      return { method: 'PATCH', path: `/api/bookings/${bookingId}`, body: { seatIds: [event.sections[1]!.placeIds[5]] } }
    },
  },
  // The event's organisers may cancel any booking of it (API.md, Payments: refunded whatever the policy).
  { name: 'cancel a booking', owner: 'buyer', expected: answers(404, EDITORS), prepare: async () => ({ method: 'POST', path: `/api/bookings/${(await bookSeat(cast, await staffedEvent(cast))).bookingId}/cancel` }) },
  { name: 'a booking\'s tickets PDF', owner: 'buyer', expected: answers(404, EDITORS), prepare: async () => ({ method: 'GET', path: `/api/bookings/${(await bookSeat(cast, await staffedEvent(cast))).bookingId}/tickets.pdf` }) },
  // A booking paid at the venue has nothing to refund by card: its organisers learn that, nobody else learns it exists.
  {
    name: 'refund part of a booking', owner: 'buyer', expected: answers(404, { organiser: 409, coOrganiser: 409 }),
    prepare: async () => ({ method: 'POST', path: `/api/bookings/${(await bookSeat(cast, await staffedEvent(cast))).bookingId}/refunds`, body: { amountCents: 100 } }),
  },
  { name: 'an event\'s card payments', owner: 'organiser', expected: answers(404, { owner: 200, organiser: 200, coOrganiser: 200, checkin: 403, admin: 403 }), prepare: async () => ({ method: 'GET', path: `/api/events/${(await staffedEvent(cast)).id}/payments` }) },
  { name: 'my invoices', owner: 'organiser', expected: answers(200), prepare: async () => ({ method: 'GET', path: '/api/organiser/invoices' }) },
  {
    name: 'a ticket\'s QR code', owner: 'buyer', expected: BUYER_ONLY(200),
    prepare: async () => {
      const { bookingId, ticketId } = await bookSeat(cast, await staffedEvent(cast))
      return { method: 'GET', path: `/api/bookings/${bookingId}/tickets/${ticketId}/qr.svg` }
    },
  },
  {
    name: 'list my bookings', owner: 'buyer', expected: answers(200),
    prepare: async () => {
      await bookSeat(cast, await staffedEvent(cast))
      return { method: 'GET', path: '/api/bookings?pageSize=100' }
    },
    check: (res, role) => {
      if (role === 'owner') expect(res.body.items.length).toBeGreaterThan(0)
      else expect(res.body.items).toEqual([])
    },
  },
  // ── waitlist ──
  { name: 'join the waitlist of a draft', owner: 'buyer', expected: answers(404), prepare: async () => ({ method: 'POST', path: `/api/events/${(await staffedDraft(cast)).id}/waitlist`, body: { quantity: 1 } }) },
  {
    name: 'see my waitlist place', owner: 'buyer', expected: BUYER_ONLY(200),
    prepare: async () => {
      const event = await eventWithBuyerWaiting()
      return { method: 'GET', path: `/api/events/${event.id}/waitlist/me` }
    },
  },
  {
    name: 'leave the waitlist', owner: 'buyer', expected: BUYER_ONLY(204),
    prepare: async () => {
      const event = await eventWithBuyerWaiting()
      return { method: 'DELETE', path: `/api/events/${event.id}/waitlist` }
    },
  },
  // ── account ──
  { name: 'GET /api/me', owner: 'buyer', expected: answers(200), prepare: async () => ({ method: 'GET', path: '/api/me' }) },
  { name: 'PATCH /api/me', owner: 'buyer', expected: answers(200), prepare: async () => ({ method: 'PATCH', path: '/api/me', body: { locale: 'de' } }) },
  { name: 'sign out', owner: 'buyer', expected: answers(204), prepare: async () => ({ method: 'POST', path: '/api/auth/logout' }) },
]

describe('authorization matrix', () => {
  for (const row of rows) {
    it(row.name, async () => {
      // The roles ask at once: each on resources of its own, so no answer depends on another's.
      const answers = await Promise.all(ROLES.map(async (role) => {
        const req = await row.prepare()
        return [role, await api(req.method, req.path, { token: tokenOf(cast, role, row.owner), body: req.body })] as const
      }))
      const got: Partial<Record<Role, number>> = {}
      for (const [role, res] of answers) {
        got[role] = res.status
        if (res.status >= 400) expect(res.body, `${row.name} as ${role}`).toMatchObject({ statusCode: res.status, code: expect.any(String), message: expect.any(String) })
        else row.check?.(res, role)
      }
      expect(got).toEqual(row.expected)
    })
  }
})

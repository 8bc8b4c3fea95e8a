// The cast of the authorization matrix: a buyer, the event's organiser, its co-organiser and door
// staff, an unrelated signed-in user, a platform admin — and the anonymous caller.
import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import { signAccessToken } from '../../server/domain/accounts/access-tokens.ts'
import { api, type Res } from './http.ts'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from './fixtures.ts'

export const ROLES = ['anonymous', 'other', 'owner', 'organiser', 'coOrganiser', 'checkin', 'admin'] as const
export type Role = typeof ROLES[number]

export interface Cast {
  buyer: TestUser
  organiser: TestUser
  coOrganiser: TestUser
  checkin: TestUser
  other: TestUser
  admin: TestUser
}

export async function createCast(): Promise<Cast> {
  const [buyer, organiser, coOrganiser, checkin, other, adminUser] = await createUsers(6) as TestUser[] as [TestUser, TestUser, TestUser, TestUser, TestUser, TestUser]
  await testDb().user.update({ where: { id: adminUser.id }, data: { role: 'ADMIN' } })
  const admin = { id: adminUser.id, token: await signAccessToken({ userId: adminUser.id, role: 'ADMIN', familyId: randomUUID() }, inject('authSecret')) }
  return { buyer, organiser, coOrganiser, checkin, other, admin }
}

/** The token each role calls with. `owner` is whoever owns the row under test: see the matrix. */
export function tokenOf(cast: Cast, role: Role, owner: 'buyer' | 'organiser'): string | undefined {
  switch (role) {
    case 'anonymous': return undefined
    case 'owner': return cast[owner].token
    default: return cast[role].token
  }
}

export async function addStaff(cast: Cast, eventId: string): Promise<void> {
  await testDb().eventStaff.createMany({
    data: [
      { eventId, userId: cast.coOrganiser.id, role: 'CO_ORGANISER' },
      { eventId, userId: cast.checkin.id, role: 'CHECKIN' },
    ],
  })
}

/** A published event with staff: a GA section and a small seat map. */
export async function staffedEvent(cast: Cast): Promise<TestEvent> {
  const event = await createPublishedEvent(cast.organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 10 }, { name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 4 }])
  await addStaff(cast, event.id)
  return event
}

/** The same, left as a draft. */
export async function staffedDraft(cast: Cast): Promise<TestEvent> {
  const event = await staffedEvent(cast)
  await testDb().event.update({ where: { id: event.id }, data: { status: 'DRAFT', publishedAt: null } })
  return event
}

function expectStatus(res: Res, status: number, what: string): Res {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`)
  return res
}

export async function holdSeat(cast: Cast, event: TestEvent, seatIndex = 0): Promise<string> {
  const res = await api('POST', '/api/holds', { token: cast.buyer.token, body: { eventId: event.id, seatIds: [event.sections[1]!.placeIds[seatIndex]] } })
  return expectStatus(res, 201, 'hold').body.id
}

export async function bookSeat(cast: Cast, event: TestEvent): Promise<{ bookingId: string, ticketId: string }> {
  const holdId = await holdSeat(cast, event)
  const res = expectStatus(await api('POST', '/api/bookings', { token: cast.buyer.token, body: { holdId } }), 201, 'booking')
  return { bookingId: res.body.id, ticketId: res.body.tickets[0].id }
}

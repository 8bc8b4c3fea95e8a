// Who holds tickets for an event, grouped by user, and what each was last told about it.
import type { Db } from '../../db/client.ts'
import type { EventState } from './event-facts.ts'
import type { Holder } from './event-notices.ts'

function groupHolders(bookings: { id: string, reference: string, userId: string }[]): Holder[] {
  const byUser = new Map<string, Holder>()
  for (const b of bookings) {
    const holder = byUser.get(b.userId) ?? { userId: b.userId, bookings: [] }
    holder.bookings.push({ id: b.id, reference: b.reference })
    byUser.set(b.userId, holder)
  }
  return [...byUser.values()]
}

export async function confirmedHolders(db: Db, eventId: string): Promise<Holder[]> {
  const bookings = await db.booking.findMany({ where: { eventId, status: 'CONFIRMED' }, orderBy: { createdAt: 'asc' }, select: { id: true, reference: true, userId: true } })
  return groupHolders(bookings)
}

/** Holders whose bookings the event's cancellation cancelled (not those who had cancelled before). */
export async function cancelledHolders(db: Db, eventId: string, cancelledAt: Date): Promise<Holder[]> {
  const bookings = await db.booking.findMany({ where: { eventId, status: 'CANCELLED', cancelledAt }, orderBy: { createdAt: 'asc' }, select: { id: true, reference: true, userId: true } })
  return groupHolders(bookings)
}

/** The event's time and place as each user's newest notice about it described them. */
export async function lastToldStates(db: Db, eventId: string, userIds: string[]): Promise<Map<string, EventState>> {
  if (userIds.length === 0) return new Map()
  const rows = await db.$queryRaw<{ user_id: string, state: EventState }[]>`
    SELECT DISTINCT ON (user_id) user_id, data->'eventState' AS state
      FROM notifications
     WHERE user_id = ANY(${userIds}::uuid[]) AND data->>'eventId' = ${eventId} AND data ? 'eventState'
     ORDER BY user_id, created_at DESC`
  return new Map(rows.map(r => [r.user_id, r.state]))
}

/**
 * Waitlist offers the event's cancellation dropped: entries lapsed by the cancel itself (same
 * instant) while their offer still ran. People still waiting without an offer are not among them.
 */
export async function droppedOffers(db: Db, eventId: string, cancelledAt: Date): Promise<{ userId: string, entryId: string }[]> {
  const entries = await db.waitlistEntry.findMany({
    where: { eventId, status: 'LAPSED', updatedAt: cancelledAt, offerExpiresAt: { gt: cancelledAt } },
    orderBy: { seq: 'asc' },
    select: { id: true, userId: true },
  })
  return entries.map(e => ({ userId: e.userId, entryId: e.id }))
}

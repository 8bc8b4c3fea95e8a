// Which users' bookings a message touches, for calendar sync: the booking's owner, or for an event
// message every user with a calendar entry for a booking of that event.
import type { Db } from '../../../db/client.ts'

export type SyncTargets = Map<string, string[]>

export function bookingTarget(userId: string, bookingId: string): SyncTargets {
  return new Map([[userId, [bookingId]]])
}

export async function eventTargets(db: Db, eventId: string): Promise<SyncTargets> {
  const entries = await db.calendarEntry.findMany({ where: { booking: { eventId } }, select: { userId: true, bookingId: true }, orderBy: { createdAt: 'asc' } })
  const targets: SyncTargets = new Map()
  for (const e of entries) targets.set(e.userId, [...(targets.get(e.userId) ?? []), e.bookingId])
  return targets
}

// Joining, leaving and seeing one's place on an event's waitlist.
import type { Db } from '../../db/client.ts'
import type { WaitlistStatusDto } from '../../../shared/types/waitlist.ts'
import { DomainError } from '../errors.ts'
import { placesNow, type AfterCommit } from '../ports.ts'
import { offerToWaitlist } from './offers.ts'

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string })?.code === 'P2002'
}

/**
 * Joining is for sold-out events (or sections): while the places are there, buy them instead.
 * Places freed before anyone waited are on public sale; offering right after joining keeps the queue honest.
 */
export async function joinWaitlist(db: Db, effects: AfterCommit, userId: string, eventId: string, quantity: number, sectionId: string | undefined, now = new Date()): Promise<WaitlistStatusDto> {
  const event = await db.event.findFirst({ where: { id: eventId, status: 'PUBLISHED', disabledAt: null, endsAt: { gt: now } }, select: { id: true } })
  if (!event) throw new DomainError('NOT_FOUND', 'This event is not on sale.')
  if (sectionId && !(await db.section.count({ where: { id: sectionId, eventId } }))) {
    throw new DomainError('VALIDATION_FAILED', 'That section is not part of this event.', { issues: [{ path: 'sectionId', message: 'Unknown section.' }] })
  }
  const [{ free }] = await db.$queryRaw<{ free: number }[]>`
    SELECT count(*)::int AS free FROM places
     WHERE event_id = ${eventId}::uuid AND (${sectionId ?? null}::uuid IS NULL OR section_id = ${sectionId ?? null}::uuid)
       AND booking_id IS NULL AND (hold_id IS NULL OR held_until <= ${now})` as [{ free: number }]
  const someoneWaits = await db.waitlistEntry.count({ where: { eventId, status: 'WAITING' } })
  if (free >= quantity && !someoneWaits) {
    throw new DomainError('CONFLICT', 'There are still places available — book them directly.', { reason: 'NOT_SOLD_OUT', available: free })
  }
  try {
    await db.waitlistEntry.create({ data: { eventId, userId, quantity, sectionId } })
  } catch (err) {
    // The partial unique index allows one open entry per user and event.
    if (isUniqueViolation(err)) throw new DomainError('CONFLICT', 'You are already on the waitlist for this event.', { reason: 'ALREADY_WAITING' })
    throw err
  }
  await offerToWaitlist(db, effects, eventId)
  return waitlistStatus(db, userId, eventId)
}

export async function waitlistStatus(db: Db, userId: string, eventId: string, now = new Date()): Promise<WaitlistStatusDto> {
  const entry = await db.waitlistEntry.findFirst({
    where: { eventId, userId, status: { in: ['WAITING', 'OFFERED'] } },
    include: { offerHold: { select: { id: true, expiresAt: true, status: true } } },
  })
  if (!entry) throw new DomainError('NOT_FOUND', 'You are not on the waitlist for this event.')
  const ahead = entry.status === 'WAITING'
    ? await db.waitlistEntry.count({ where: { eventId, status: 'WAITING', seq: { lt: entry.seq } } })
    : 0
  const offer = entry.offerHold && entry.offerHold.status === 'ACTIVE' && entry.offerHold.expiresAt > now
    ? { holdId: entry.offerHold.id, expiresAt: entry.offerHold.expiresAt.toISOString() }
    : null
  return { id: entry.id, eventId, status: entry.status as 'WAITING' | 'OFFERED', quantity: entry.quantity, sectionId: entry.sectionId, position: entry.status === 'WAITING' ? ahead + 1 : 0, offer }
}

/** Leaving also declines an open offer, whose places then go to the next person (announced after the commit). */
export async function leaveWaitlist(db: Db, effects: AfterCommit, userId: string, eventId: string, now = new Date()): Promise<{ freedPlaceIds: string[] }> {
  const left = await db.$transaction(async (tx) => {
    const entry = await tx.waitlistEntry.findFirst({ where: { eventId, userId, status: { in: ['WAITING', 'OFFERED'] } }, include: { offerHold: true } })
    if (!entry) throw new DomainError('NOT_FOUND', 'You are not on the waitlist for this event.')
    await tx.waitlistEntry.update({ where: { id: entry.id }, data: { status: 'LEFT' } })
    if (!entry.offerHold || entry.offerHold.status !== 'ACTIVE') return { freedPlaceIds: [] }
    await tx.hold.update({ where: { id: entry.offerHold.id }, data: { status: 'RELEASED', endedAt: now } })
    const freed = await tx.$queryRaw<{ id: string }[]>`
      UPDATE places SET hold_id = NULL, held_until = NULL WHERE hold_id = ${entry.offerHold.id}::uuid RETURNING id`
    return { freedPlaceIds: freed.map(f => f.id) }
  })
  await effects.placesChanged(eventId, placesNow(left.freedPlaceIds, 'AVAILABLE'))
  return left
}

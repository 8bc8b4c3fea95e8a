// Releasing, extending and expiring holds. Each is a single conditional statement (or one
// transaction) so a hold's row and its places' claim never disagree.
import type { Db } from '../../db/client.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import type { HoldDto } from '../../../shared/types/event.ts'
import { DomainError } from '../errors.ts'
import { loadHold } from './hold-dto.ts'
import { placesNow, type AfterCommit } from '../ports.ts'

export interface FreedPlaces {
  holdId: string
  eventId: string
  placeIds: string[]
}

/** Why an ACTIVE-only operation did not apply, as the error the caller should see. */
async function explainInactiveHold(db: Db, holdId: string, userId: string, now: Date): Promise<DomainError> {
  const hold = await db.hold.findFirst({ where: { id: holdId, userId }, select: { status: true, expiresAt: true, extendedAt: true } })
  if (!hold) return new DomainError('NOT_FOUND', 'There is no such hold.')
  if (hold.status === 'EXPIRED' || (hold.status === 'ACTIVE' && hold.expiresAt <= now)) return new DomainError('HOLD_EXPIRED', 'This hold has expired; choose your places again.')
  if (hold.status === 'ACTIVE' && hold.extendedAt) return new DomainError('CONFLICT', 'A hold can be extended only once.', { reason: 'ALREADY_EXTENDED' })
  if (hold.status === 'CONFIRMED') return new DomainError('CONFLICT', 'This hold is already booked.', { reason: 'ALREADY_CONFIRMED' })
  return new DomainError('HOLD_EXPIRED', 'This hold was released.', { reason: 'RELEASED' })
}

/** The caller lets go of their hold; its places are announced free. Releasing an already ended hold changes nothing. */
export async function releaseHold(db: Db, effects: AfterCommit, holdId: string, userId: string, now = new Date()): Promise<FreedPlaces | null> {
  const rows = await db.$queryRaw<{ event_id: string, place_id: string | null }[]>`
    WITH released AS (
      UPDATE holds SET status = 'RELEASED', ended_at = ${now}
       WHERE id = ${holdId}::uuid AND user_id = ${userId}::uuid AND status = 'ACTIVE'
      RETURNING id, event_id, waitlist_entry_id
    ), declined AS (
      UPDATE waitlist_entries w SET status = 'LAPSED', updated_at = ${now}
        FROM released WHERE w.id = released.waitlist_entry_id AND w.status = 'OFFERED'
    ), freed AS (
      UPDATE places p SET hold_id = NULL, held_until = NULL FROM released WHERE p.hold_id = released.id
      RETURNING p.id
    )
    SELECT released.event_id, freed.id AS place_id FROM released LEFT JOIN freed ON true`
  if (rows.length === 0) {
    const exists = await db.hold.count({ where: { id: holdId, userId } })
    if (!exists) throw new DomainError('NOT_FOUND', 'There is no such hold.')
    return null
  }
  const freed = { holdId, eventId: rows[0]!.event_id, placeIds: rows.flatMap(r => (r.place_id ? [r.place_id] : [])) }
  await effects.placesChanged(freed.eventId, placesNow(freed.placeIds, 'AVAILABLE'))
  return freed
}

/** Once per hold, by the event's hold length; the places' claim moves with it in the same statement. */
export async function extendHold(db: Db, effects: AfterCommit, holdId: string, userId: string, now = new Date()): Promise<HoldDto> {
  const rows = await db.$queryRaw<{ expires_at: Date }[]>`
    WITH extended AS (
      UPDATE holds h SET expires_at = h.expires_at + make_interval(mins => e.hold_minutes), extended_at = ${now}
        FROM events e
       WHERE e.id = h.event_id AND h.id = ${holdId}::uuid AND h.user_id = ${userId}::uuid
         AND h.status = 'ACTIVE' AND h.extended_at IS NULL AND h.expires_at > ${now}
      RETURNING h.id, h.expires_at
    ), moved AS (
      UPDATE places p SET held_until = extended.expires_at FROM extended WHERE p.hold_id = extended.id
      RETURNING p.id
    )
    SELECT expires_at FROM extended`
  if (!rows[0]) throw await explainInactiveHold(db, holdId, userId, now)
  await effects.scheduleHoldExpiry(holdId, rows[0].expires_at)
  return loadHold(db, holdId, userId, now)
}

/**
 * Marks holds past their time EXPIRED, frees whatever places still point at them and writes
 * hold.expired for each — all in one transaction — then announces the freed places. Called by the
 * BullMQ job for one hold and by the periodic sweep for all; idempotent, so running both (or
 * twice) does nothing more.
 */
export async function expireHolds(db: Db, effects: AfterCommit, options: { holdId?: string, limit?: number } = {}, now = new Date()): Promise<FreedPlaces[]> {
  const limit = options.limit ?? 500
  const expired = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string, user_id: string, event_id: string, place_ids: string[] }[]>`
      WITH due AS (
        SELECT id FROM holds
         WHERE status = 'ACTIVE' AND expires_at <= ${now} AND (${options.holdId ?? null}::uuid IS NULL OR id = ${options.holdId ?? null}::uuid)
         ORDER BY expires_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ), expired AS (
        UPDATE holds h SET status = 'EXPIRED', ended_at = ${now} FROM due WHERE h.id = due.id
        RETURNING h.id, h.user_id, h.event_id, h.waitlist_entry_id
      ), lapsed AS (
        UPDATE waitlist_entries w SET status = 'LAPSED', updated_at = ${now}
          FROM expired WHERE w.id = expired.waitlist_entry_id AND w.status = 'OFFERED'
      ), freed AS (
        UPDATE places p SET hold_id = NULL, held_until = NULL FROM expired WHERE p.hold_id = expired.id
        RETURNING p.id, expired.id AS hold_id
      )
      SELECT e.id, e.user_id, e.event_id, coalesce(array_agg(f.id) FILTER (WHERE f.id IS NOT NULL), '{}') AS place_ids
        FROM expired e LEFT JOIN freed f ON f.hold_id = e.id
       GROUP BY e.id, e.user_id, e.event_id`
    for (const row of rows) {
      await writeOutbox(tx, ROUTING_KEYS.holdExpired, { holdId: row.id, userId: row.user_id, eventId: row.event_id, placeIds: row.place_ids })
    }
    return rows.map(r => ({ holdId: r.id, eventId: r.event_id, placeIds: r.place_ids }))
  })
  const freedByEvent = new Map<string, string[]>()
  for (const f of expired) freedByEvent.set(f.eventId, [...(freedByEvent.get(f.eventId) ?? []), ...f.placeIds])
  for (const [eventId, placeIds] of freedByEvent) await effects.placesChanged(eventId, placesNow(placeIds, 'AVAILABLE'))
  return expired
}

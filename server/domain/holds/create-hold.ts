// Creating a hold: the database decides in one call (bookify_claim_hold, whose one source is
// claim-hold.sql beside this file) — every requested place is claimed for the caller, or none.
import { randomUUID } from 'node:crypto'
import { sqlPool, type Db } from '../../db/client.ts'
import type { CreateHoldBody } from '../../../shared/schemas/holds.ts'
import type { HoldDto } from '../../../shared/types/event.ts'
import { DomainError } from '../errors.ts'
import { placesNow, type AfterCommit } from '../ports.ts'
import { claimRefusal, promoRefusal, typeRefusal, type RefusedPlaces } from './claim-refusal.ts'
import { loadHold } from './hold-dto.ts'
import type { RefusalMemo } from './refusal-memo.ts'

interface ClaimResult {
  outcome: 'OK' | 'SEATS_UNAVAILABLE' | 'SOLD_OUT' | 'NOT_ON_SALE' | 'TYPE_UNAVAILABLE' | 'PROMO_INVALID'
  unavailable: string[]
  section_id: string | null
  available: number | null
  released_hold_id: string | null
  expires_at: Date | null
  /** Places the caller's replaced hold let go of and the new hold did not take again. */
  freed_place_ids: string[]
  /** TYPE_UNAVAILABLE / PROMO_INVALID: why, and for a type the one refused. */
  reason: string | null
  ticket_type_id: string | null
}

const CLAIM_SQL = `SELECT * FROM bookify_claim_hold($1::uuid, $2::uuid, $3::uuid, $4::uuid[], $5::uuid[], $6::int[],
  p_seat_type_ids => $7::uuid[], p_ga_type_ids => $8::uuid[], p_promo_code => $9::text)`

/** The parsed POST /api/holds body; types and a code are optional for callers inside the server. */
export type HoldRequest = Pick<CreateHoldBody, 'eventId' | 'seatIds' | 'ga'> & Partial<Pick<CreateHoldBody, 'seatTypeIds' | 'promoCode'>>

interface CreateHoldOptions {
  now?: Date
  /** This process's memory of taken places: refuses what it knows is gone, learns from each answer. */
  memo?: RefusalMemo
}

/**
 * After the claim commits: the hold's expiry is scheduled, its places announced HELD, and the places
 * of a replaced hold announced AVAILABLE (which also offers them to the waitlist).
 */
export async function createHold(db: Db, effects: AfterCommit, userId: string, body: HoldRequest, options: CreateHoldOptions = {}): Promise<HoldDto> {
  const { now = new Date(), memo } = options
  const remembered = memo?.refusal(userId, body)
  if (remembered) throw remembered
  const holdId = randomUUID()
  // The hold's length comes from the event, read inside the same call. Straight through pg: in a
  // rush this runs once per buyer, and Prisma's raw-query path cost ~0.14 ms more CPU per call.
  // Named, so each pooled connection parses and plans it once.
  const { rows: [result] } = await sqlPool(db).query<ClaimResult>({
    name: 'bookify_claim_hold',
    text: CLAIM_SQL,
    values: [holdId, userId, body.eventId, body.seatIds, body.ga.map(g => g.sectionId), body.ga.map(g => g.quantity),
      body.seatTypeIds ?? body.seatIds.map(() => null), body.ga.map(g => g.ticketTypeId ?? null), body.promoCode ?? null],
  })
  switch (result?.outcome) {
    case 'OK': {
      const hold = await loadHold(db, holdId, userId, now)
      const heldUntil = new Date(hold.expiresAt)
      // Independent nudges: one Redis round trip of waiting, not two. Freed places of a replaced
      // hold make this process's memo forget the event synchronously, before it learns the new seats.
      const nudged = Promise.all([
        effects.scheduleHoldExpiry(hold.id, heldUntil),
        effects.placesChanged(body.eventId, [...placesNow(hold.items.map(i => i.placeId), 'HELD'), ...placesNow(result.freed_place_ids, 'AVAILABLE')]),
      ])
      memo?.rememberSeats(body.eventId, hold.items.filter(i => i.kind === 'SEATED').map(i => ({ placeId: i.placeId, holderId: userId, heldUntil })))
      await nudged
      return hold
    }
    case 'NOT_ON_SALE':
      throw new DomainError('NOT_FOUND', 'This event is not on sale.')
    case 'TYPE_UNAVAILABLE':
      if (memo && result.reason === 'quota' && result.ticket_type_id) await learnFullType(db, memo, body.eventId, result.ticket_type_id)
      throw typeRefusal(result.reason, result.ticket_type_id)
    case 'PROMO_INVALID':
      if (memo && result.reason === 'used_up' && body.promoCode) await learnUsedUpCode(db, memo, body.eventId, body.promoCode)
      throw promoRefusal(result.reason)
    case 'SOLD_OUT':
    case 'SEATS_UNAVAILABLE': {
      const refused = { unavailable: result.unavailable, sectionId: result.section_id ?? undefined, available: result.available ?? 0 }
      if (memo) await learnFromRefusal(db, memo, body.eventId, result.outcome, refused)
      throw claimRefusal(result.outcome, refused)
    }
    default:
      throw new Error('bookify_claim_hold returned no row')
  }
}

/**
 * Teaches the memo who holds what was refused, so it can refuse the next buyers of those places
 * itself (and never refuse a holder their own places). Best effort: a failure here only means the
 * next request asks the database again.
 */
async function learnFromRefusal(db: Db, memo: RefusalMemo, eventId: string, outcome: 'SOLD_OUT' | 'SEATS_UNAVAILABLE', refused: RefusedPlaces & { unavailable: string[], available: number }): Promise<void> {
  const pool = sqlPool(db)
  try {
    if (refused.unavailable.length > 0) {
      const { rows } = await pool.query<{ id: string, user_id: string | null, held_until: Date | null, booked: boolean }>({
        name: 'bookify_memo_seats',
        text: SEAT_HOLDERS_SQL,
        values: [refused.unavailable, eventId],
      })
      memo.rememberSeats(eventId, rows.map(r => ({ placeId: r.id, holderId: r.booked ? null : r.user_id, heldUntil: r.booked ? null : r.held_until })), outcome === 'SOLD_OUT')
    } else if (refused.sectionId && !memo.knowsSection(eventId, refused.sectionId)) {
      const { rows: [section] } = await pool.query<{ holders: string[], next_free_at: Date | null }>({
        name: 'bookify_memo_section',
        text: SECTION_HOLDERS_SQL,
        values: [refused.sectionId],
      })
      memo.rememberSection(eventId, refused.sectionId, refused.available, section?.holders ?? [], section?.next_free_at ?? null)
    }
  } catch {
    // The refusal itself stands; the memo just stays unaware.
  }
}

/** Teaches the memo a ticket type at its quota: how many units are left, who holds some, when the first lapses. */
async function learnFullType(db: Db, memo: RefusalMemo, eventId: string, typeId: string): Promise<void> {
  if (memo.knowsType(eventId, typeId)) return
  try {
    const { rows: [type] } = await sqlPool(db).query<{ available: number, holders: string[], next_free_at: Date | null }>({
      name: 'bookify_memo_type',
      text: TYPE_HOLDERS_SQL,
      values: [typeId],
    })
    if (type) memo.rememberFullType(eventId, typeId, type.available, type.holders, type.next_free_at)
  } catch {
    // The refusal itself stands; the memo just stays unaware.
  }
}

/** Teaches the memo a used-up code: who holds a hold carrying it, and when the first of those lapses. */
async function learnUsedUpCode(db: Db, memo: RefusalMemo, eventId: string, code: string): Promise<void> {
  if (memo.knowsUsedUpCode(eventId, code)) return
  try {
    const { rows: [uses] } = await sqlPool(db).query<{ holders: string[], next_free_at: Date | null }>({
      name: 'bookify_memo_code',
      text: CODE_HOLDERS_SQL,
      values: [eventId, code.toLowerCase()],
    })
    if (uses) memo.rememberUsedUpCode(eventId, code, uses.holders, uses.next_free_at)
  } catch {
    // As above.
  }
}

// Taken seats and their holders. A seat held by a hold that has already lapsed is free (lazy
// expiry) and so is left out; booked seats have no holder to exempt.
const SEAT_HOLDERS_SQL = `
  SELECT p.id, h.user_id, p.held_until, p.booking_id IS NOT NULL AS booked
    FROM places p LEFT JOIN holds h ON h.id = p.hold_id
   WHERE p.id = ANY($1::uuid[]) AND p.event_id = $2::uuid
     AND (p.booking_id IS NOT NULL OR (p.hold_id IS NOT NULL AND p.held_until > clock_timestamp()))`

// Who holds units of a GA section (their own units count as free for them) and when the first of
// those holds lapses (the memo must not outlive it).
const SECTION_HOLDERS_SQL = `
  SELECT coalesce(array_agg(DISTINCT h.user_id), '{}') AS holders, min(p.held_until) AS next_free_at
    FROM places p JOIN holds h ON h.id = p.hold_id
   WHERE p.section_id = $1::uuid AND p.booking_id IS NULL AND p.held_until > clock_timestamp()`

// A limited type: what is left of its quota (booked places and unexpired holds count, as in the
// claim), who holds some of it, and when the first of those holds lapses.
const TYPE_HOLDERS_SQL = `
  SELECT greatest(tt.quota - count(p.id), 0)::int AS available,
         coalesce(array_agg(DISTINCT h.user_id) FILTER (WHERE h.user_id IS NOT NULL), '{}') AS holders,
         min(p.held_until) FILTER (WHERE p.booking_id IS NULL) AS next_free_at
    FROM ticket_types tt
    LEFT JOIN places p ON p.ticket_type_id = tt.id
         AND (p.booking_id IS NOT NULL OR (p.hold_id IS NOT NULL AND p.held_until > clock_timestamp()))
    LEFT JOIN holds h ON h.id = p.hold_id AND p.booking_id IS NULL
   WHERE tt.id = $1::uuid AND tt.quota IS NOT NULL
   GROUP BY tt.quota`

// A code's unexpired holds: their buyers (whose new hold gives their use back) and the first lapse.
const CODE_HOLDERS_SQL = `
  SELECT coalesce(array_agg(DISTINCT h.user_id) FILTER (WHERE h.status = 'ACTIVE'), '{}') AS holders,
         min(h.expires_at) FILTER (WHERE h.status = 'ACTIVE') AS next_free_at
    FROM promo_codes c
    JOIN holds h ON h.promo_code_id = c.id
         AND ((h.status = 'ACTIVE' AND h.expires_at > clock_timestamp()) OR h.status = 'CONFIRMED')
   WHERE c.event_id = $1::uuid AND c.code_key = $2 AND c.deleted_at IS NULL`

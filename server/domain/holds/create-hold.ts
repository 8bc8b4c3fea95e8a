// Creating a hold: the database decides in one call (bookify_claim_hold, see the migration
// 20261121234600_hold_claim_function) — every requested place is claimed for the caller, or none.
import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import type { CreateHoldBody } from '../../../shared/schemas/holds.ts'
import type { HoldDto } from '../../../shared/types/event.ts'
import { DomainError } from '../errors.ts'
import { loadHold } from './hold-dto.ts'

interface ClaimResult {
  outcome: 'OK' | 'SEATS_UNAVAILABLE' | 'SOLD_OUT' | 'NOT_ON_SALE'
  unavailable: string[]
  section_id: string | null
  available: number | null
  released_hold_id: string | null
  expires_at: Date | null
}

export interface CreatedHold {
  hold: HoldDto
  /** The caller's previous hold on the event, released to make way for this one. */
  releasedHoldId: string | null
}

export async function createHold(db: Db, userId: string, body: CreateHoldBody, now = new Date()): Promise<CreatedHold> {
  const holdId = randomUUID()
  // The hold's length comes from the event, read inside the same call.
  const [result] = await db.$queryRaw<ClaimResult[]>`
    SELECT * FROM bookify_claim_hold(
      ${holdId}::uuid, ${userId}::uuid, ${body.eventId}::uuid,
      ${body.seatIds}::uuid[], ${body.ga.map(g => g.sectionId)}::uuid[], ${body.ga.map(g => g.quantity)}::int[])`
  switch (result?.outcome) {
    case 'OK':
      return { hold: await loadHold(db, holdId, userId, now), releasedHoldId: result.released_hold_id }
    case 'NOT_ON_SALE':
      throw new DomainError('NOT_FOUND', 'This event is not on sale.')
    case 'SOLD_OUT':
      throw new DomainError('SOLD_OUT', 'Sorry, this is sold out.', result.section_id ? { sectionId: result.section_id } : undefined)
    case 'SEATS_UNAVAILABLE':
      throw new DomainError('SEATS_UNAVAILABLE', result.section_id
        ? `Only ${result.available ?? 0} places are left in that section.`
        : 'Some of those places were just taken.', result.section_id
        ? { unavailable: [], sectionId: result.section_id, available: result.available ?? 0 }
        : { unavailable: result.unavailable })
    default:
      throw new Error('bookify_claim_hold returned no row')
  }
}

// The one wording of a refused claim, whether the database refused it or the refusal memo did, so
// clients get the same answer either way.
import { DomainError } from '../errors.ts'

export interface RefusedPlaces {
  /** Requested seat ids that are taken. */
  unavailable?: string[]
  /** The GA section that is short, and how many units it had free. */
  sectionId?: string
  available?: number
}

export function claimRefusal(outcome: 'SOLD_OUT' | 'SEATS_UNAVAILABLE', where: RefusedPlaces = {}): DomainError {
  if (outcome === 'SOLD_OUT') {
    return new DomainError('SOLD_OUT', 'Sorry, this is sold out.', where.sectionId ? { sectionId: where.sectionId } : undefined)
  }
  if (where.sectionId) {
    const available = where.available ?? 0
    return new DomainError('SEATS_UNAVAILABLE', `Only ${available} places are left in that section.`, { unavailable: [], sectionId: where.sectionId, available })
  }
  return new DomainError('SEATS_UNAVAILABLE', 'Some of those places were just taken.', { unavailable: where.unavailable ?? [] })
}

const TYPE_REFUSALS: Record<string, string> = {
  unknown: 'That ticket type is not on sale for those places.',
  not_on_sale_yet: 'That ticket type is not on sale yet.',
  sales_ended: 'Sales of that ticket type have ended.',
  max_per_order: 'That ticket type is limited per order.',
  quota: 'That ticket type is sold out.',
}

const PROMO_REFUSALS: Record<string, string> = {
  unknown: 'There is no such code for this event.',
  expired: 'This code is not valid now.',
  used_up: 'This code has been used up.',
  not_applicable: 'This code does not apply to the tickets you chose.',
}

/** A ticket type refused: `reason` as bookify_claim_hold gives it, and the type when it names one. */
export function typeRefusal(reason: string | null, ticketTypeId: string | null): DomainError {
  return new DomainError('TYPE_UNAVAILABLE', TYPE_REFUSALS[reason ?? ''] ?? 'That ticket type is not available.', { reason, ticketTypeId })
}

export function promoRefusal(reason: string | null): DomainError {
  return new DomainError('PROMO_INVALID', PROMO_REFUSALS[reason ?? ''] ?? 'This code is not valid.', { reason })
}

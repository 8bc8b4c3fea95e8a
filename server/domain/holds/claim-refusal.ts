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

// Expiring holds, from the BullMQ job (one hold, just after its end) and from the 30-second sweep
// (every due hold, in batches). expireHolds is idempotent — a hold already expired by the other path
// is simply not due any more — so the two never double-release or write hold.expired twice.
import { expireHolds, type FreedPlaces } from '../../../server/domain/holds/hold-lifecycle.ts'
import type { CleanupDeps } from './cleanup-deps.ts'
import { announce, offerFreedPlaces } from './offer-freed-places.ts'

const SWEEP_BATCH = 500
const SWEEP_MAX_BATCHES = 20

async function afterRelease(deps: CleanupDeps, freed: FreedPlaces[]): Promise<void> {
  for (const f of freed) await announce(deps, f.eventId, f.placeIds.map(placeId => ({ placeId, status: 'AVAILABLE' as const })))
  for (const eventId of new Set(freed.map(f => f.eventId))) await offerFreedPlaces(deps, eventId)
}

/** The job's work: expire this hold if it is due, then offer its places on. */
export async function expireHold(deps: CleanupDeps, holdId: string): Promise<FreedPlaces[]> {
  const freed = await expireHolds(deps.db, { holdId })
  await afterRelease(deps, freed)
  return freed
}

/** The sweep: every due hold, batch by batch, then one waitlist pass per affected event. */
export async function sweepExpiredHolds(deps: CleanupDeps): Promise<FreedPlaces[]> {
  const all: FreedPlaces[] = []
  for (let i = 0; i < SWEEP_MAX_BATCHES; i++) {
    const freed = await expireHolds(deps.db, { limit: SWEEP_BATCH })
    all.push(...freed)
    if (freed.length < SWEEP_BATCH) break
  }
  await afterRelease(deps, all)
  return all
}

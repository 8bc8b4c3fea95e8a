// Expiring holds, from the BullMQ job (one hold, just after its end) and from the 30-second sweep
// (every due hold, in batches). expireHolds is idempotent — a hold already expired by the other path
// is simply not due any more — so the two never double-release or write hold.expired twice. It
// announces the freed places itself, through the AfterCommit port, which also offers them to the
// waitlist.
import { expireHolds, type FreedPlaces } from '../../../server/domain/holds/hold-lifecycle.ts'
import type { CleanupDeps } from './cleanup-deps.ts'

const SWEEP_BATCH = 500
const SWEEP_MAX_BATCHES = 20

/** The job's work: expire this hold if it is due. */
export function expireHold(deps: CleanupDeps, holdId: string): Promise<FreedPlaces[]> {
  return expireHolds(deps.db, deps.effects, { holdId })
}

/** The sweep: every due hold, batch by batch. */
export async function sweepExpiredHolds(deps: CleanupDeps): Promise<FreedPlaces[]> {
  const all: FreedPlaces[] = []
  for (let i = 0; i < SWEEP_MAX_BATCHES; i++) {
    const freed = await expireHolds(deps.db, deps.effects, { limit: SWEEP_BATCH })
    all.push(...freed)
    if (freed.length < SWEEP_BATCH) break
  }
  return all
}

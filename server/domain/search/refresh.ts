// Rebuild + store + announce, coalesced: calls arriving while a build is waiting to start share it,
// and calls arriving during a build get one more build afterwards, never one each. The search-index
// worker calls this for every event.* message; the web process calls it at boot when needed.
import type { Redis } from 'ioredis'
import type { Db } from '../../db/client.ts'
import { publishSnapshot } from './announce.ts'
import { buildSearchSnapshot, type SnapshotInfo } from './snapshot-store.ts'

interface RefreshResult extends SnapshotInfo {
  /** False when Redis could not be reached: instances still pick the snapshot up within seconds. */
  announced: boolean
}

interface RefreshOptions {
  /** Waits this long before reading the catalogue, so a burst of changes makes one build. */
  debounceMs?: number
}

interface RefreshState {
  /** The build that has not started reading yet: anyone calling now is covered by it. */
  waiting?: Promise<RefreshResult>
  /** The newest build; the next one starts after it. */
  last?: Promise<RefreshResult>
}

const states = new WeakMap<Db, RefreshState>()

async function buildAndAnnounce(db: Db, redis: Pick<Redis, 'publish'>): Promise<RefreshResult> {
  const snapshot = await buildSearchSnapshot(db)
  const announced = await publishSnapshot(redis, snapshot.version).then(() => true, () => false)
  return { ...snapshot, announced }
}

export function refreshSearchIndex(db: Db, redis: Pick<Redis, 'publish'>, { debounceMs = 100 }: RefreshOptions = {}): Promise<RefreshResult> {
  let state = states.get(db)
  if (!state) states.set(db, state = {})
  if (state.waiting) return state.waiting
  const s = state
  const previous = s.last
  const build = (async () => {
    await previous?.catch(() => {})
    await new Promise(resolve => setTimeout(resolve, debounceMs))
    // From here on this build reads the catalogue; later callers need a build of their own.
    s.waiting = undefined
    return buildAndAnnounce(db, redis)
  })()
  s.waiting = build
  s.last = build
  return build
}

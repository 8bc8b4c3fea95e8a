// What a web process does at boot: load the newest snapshot, building a fresh one first when there
// is none or the catalogue changed after it was built (so `npm start` shows current results before
// the search-index worker exists).
import type { Redis } from 'ioredis'
import type { Db } from '../../db/client.ts'
import { reloadSearchIfNewer } from './current-search.ts'
import { refreshSearchIndex } from './refresh.ts'
import { newestEventChange, newestSnapshotInfo } from './snapshot-store.ts'

export async function prepareSearchIndex(db: Db, redis: Pick<Redis, 'publish'>): Promise<{ rebuilt: boolean }> {
  const [snapshot, changedAt] = await Promise.all([newestSnapshotInfo(db), newestEventChange(db)])
  const stale = !snapshot || (changedAt !== null && changedAt > snapshot.createdAt)
  if (stale) await refreshSearchIndex(db, redis, { debounceMs: 0 })
  await reloadSearchIfNewer(db)
  return { rebuilt: stale }
}

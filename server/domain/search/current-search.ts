// The web process's loaded search index: one module-level reference, replaced in a single
// assignment once a newer snapshot is fully decoded, so a search never sees a half-built index.
import type { Db } from '../../db/client.ts'
import { loadSearch, type LoadedSearch } from '../../../shared/search/load-search.ts'
import { logSearchProblem } from './log.ts'
import { decodeSnapshot, loadSnapshot, newestSnapshotInfo, type SnapshotInfo } from './snapshot-store.ts'

interface CurrentSearch extends SnapshotInfo {
  search: LoadedSearch
  /** The snapshot as stored (gzip JSON), served to browsers for offline search. */
  gzip: Uint8Array
}

/** A search request this long after the last look at PostgreSQL checks again (covers a missed announcement). */
const RECHECK_AFTER_MS = 5_000
/** A request arriving before the first load waits this long for the boot to finish. */
const BOOT_WAIT_MS = 15_000

let current: CurrentSearch | undefined
let lastCheckAt = 0
let reloading: Promise<void> | undefined
let reloadAgain = false
let boot: Promise<unknown> | undefined

async function loadNewest(db: Db): Promise<void> {
  lastCheckAt = Date.now()
  const newest = await newestSnapshotInfo(db)
  if (!newest || (current && newest.version <= current.version)) return
  const stored = await loadSnapshot(db, newest.version)
  if (!stored) return // pruned meanwhile; a newer one exists and the next check finds it
  const search = loadSearch(await decodeSnapshot(stored.gzip))
  if (!current || stored.version > current.version) current = { ...stored, search }
}

/**
 * Loads the newest snapshot if it is newer than the one in use. Calls during a load are folded into
 * one more load after it, so an announcement arriving mid-load is never lost.
 */
export function reloadSearchIfNewer(db: Db): Promise<void> {
  reloadAgain = true
  reloading ??= (async () => {
    try {
      while (reloadAgain) {
        reloadAgain = false
        await loadNewest(db)
      }
    } finally {
      reloading = undefined
    }
  })()
  return reloading
}

export function loadedSearchVersion(): bigint | undefined {
  return current?.version
}

/** Lets the first requests wait for the web process's boot load instead of finding no index. */
export function setSearchBoot(promise: Promise<unknown>): void {
  boot = promise.catch(() => {})
}

/**
 * The index to answer a request with. Every few seconds a request also asks PostgreSQL, in the
 * background, whether a newer snapshot exists; the request itself never waits for that.
 */
export async function currentSearch(db: Db): Promise<CurrentSearch | undefined> {
  if (!current) {
    if (boot) await Promise.race([boot, new Promise(resolve => setTimeout(resolve, BOOT_WAIT_MS))])
    if (!current) await reloadSearchIfNewer(db)
    return current
  }
  if (Date.now() - lastCheckAt > RECHECK_AFTER_MS) {
    lastCheckAt = Date.now()
    reloadSearchIfNewer(db).catch(error => logSearchProblem('reload failed', error))
  }
  return current
}

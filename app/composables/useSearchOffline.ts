// The search index kept on this device for offline search: refreshed from GET /api/search/index
// with its ETag (an unchanged index costs a 304), stored through utils/idb.ts, and searched with the
// same shared function the server runs, so offline results rank the same way.
import { loadSearch, type LoadedSearch } from '#shared/search/load-search'
import { searchEvents, type SearchParams } from '#shared/search/search-events'
import { suggest } from '#shared/search/suggester'
import type { SearchIndexPayload, SearchPageDto, SuggestionDto } from '#shared/types/search'

// Browser-only state (these functions never run during server rendering).
let inMemory: { etag: string, search: LoadedSearch } | undefined
let syncing: Promise<void> | undefined

async function loaded(): Promise<LoadedSearch | undefined> {
  const stored = await getSearchIndex().catch(() => undefined)
  if (!stored) return undefined
  if (inMemory?.etag !== stored.etag) inMemory = { etag: stored.etag, search: loadSearch(stored.payload) }
  return inMemory.search
}

async function syncOnce(): Promise<boolean> {
  const stored = await getSearchIndex()
  const res = await fetch('/api/search/index', {
    headers: stored ? { 'If-None-Match': stored.etag } : {},
    cache: 'no-store',
  })
  if (res.status === 304) return stored !== undefined
  if (!res.ok) return false
  const payload = await res.json() as SearchIndexPayload
  await putSearchIndex({ etag: res.headers.get('ETag') ?? '', savedAt: new Date().toISOString(), payload })
  return true
}

/** Suggestions from the index on this device ([] without one); needs no Nuxt context. */
export async function suggestOffline(q: string): Promise<SuggestionDto[]> {
  const search = await loaded()
  return search ? suggest(search.suggester, q) : []
}

export function useSearchOffline() {
  /** True once this device holds a copy of the index. */
  const available = useState('search-offline-available', () => false)

  /** Brings the stored index up to date; quietly does nothing offline or without IndexedDB. */
  function sync(): Promise<void> {
    syncing ??= syncOnce()
      .then((ok) => { available.value = ok })
      .catch(async () => { available.value = (await getSearchIndex().catch(() => undefined)) !== undefined })
      .finally(() => { syncing = undefined })
    return syncing
  }

  async function searchOffline(params: SearchParams): Promise<SearchPageDto | undefined> {
    const search = await loaded()
    return search && searchEvents(search, params)
  }

  return { available, sync, searchOffline, suggestOffline }
}

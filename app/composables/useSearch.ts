// Search results for the page's URL query: from the API (also during server rendering), and from
// the index on this device when the browser is offline or the API cannot be reached.
import type { SearchParams } from '#shared/search/search-events'
import type { SearchPageDto } from '#shared/types/search'

interface SearchOutcome {
  page: SearchPageDto
  /** Answered in the browser from the stored index: results may be out of date. */
  offline: boolean
}

export function useSearch(params: Ref<SearchParams>) {
  const api = useApi()
  const { searchOffline } = useSearchOffline()

  async function offlineOutcome(): Promise<SearchOutcome | undefined> {
    const page = await searchOffline(params.value)
    return page && { page, offline: true }
  }

  return useAsyncData<SearchOutcome>('search', async () => {
    if (import.meta.client && !navigator.onLine) {
      const outcome = await offlineOutcome()
      if (outcome) return outcome
    }
    try {
      const query = Object.fromEntries(Object.entries(params.value).filter(([, v]) => v !== undefined && v !== ''))
      return { page: await api<SearchPageDto>('/api/search', { query }), offline: false }
    } catch (error) {
      const outcome = import.meta.client && statusOf(error) === undefined ? await offlineOutcome() : undefined
      if (outcome) return outcome
      throw error
    }
  }, { watch: [params] })
}

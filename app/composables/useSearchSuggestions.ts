// Completions for the search box as the user types: from the API, or from the index on this device
// when offline. Only the answer to the latest text is kept.
import type { SuggestionDto, SuggestResponseDto } from '#shared/types/search'

const DEBOUNCE_MS = 150

// The box is in every page's header, but the device's index (lunr, IndexedDB: ~37 KB of script) is
// only needed when a suggestion cannot come from the API, so it is loaded then, not with the page.
const suggestOffline = (q: string) => import('./useSearchOffline').then(m => m.suggestOffline(q))

export function useSearchSuggestions(text: Ref<string>) {
  const suggestions = ref<SuggestionDto[]>([])
  let timer: ReturnType<typeof setTimeout> | undefined
  let latest = 0

  async function fetchSuggestions(q: string): Promise<SuggestionDto[]> {
    if (!navigator.onLine) return suggestOffline(q)
    try {
      return (await $fetch<SuggestResponseDto>('/api/search/suggest', { query: { q } })).suggestions
    } catch {
      return suggestOffline(q)
    }
  }

  watch(text, (q) => {
    clearTimeout(timer)
    const ask = ++latest
    if (!q.trim()) {
      suggestions.value = []
      return
    }
    timer = setTimeout(async () => {
      const found = await fetchSuggestions(q)
      if (ask === latest) suggestions.value = found
    }, DEBOUNCE_MS)
  })

  onBeforeUnmount(() => clearTimeout(timer))

  function clear() {
    latest++
    clearTimeout(timer)
    suggestions.value = []
  }

  return { suggestions, clear }
}

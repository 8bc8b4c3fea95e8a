// GET /api/search and /api/search/suggest, answered from the loaded index in memory.
import type { Db } from '../../db/client.ts'
import { searchEvents, type SearchParams } from '../../../shared/search/search-events.ts'
import { suggest } from '../../../shared/search/suggester.ts'
import type { SearchPageDto, SuggestResponseDto } from '../../../shared/types/search.ts'
import { currentSearch } from './current-search.ts'

export async function searchCatalogue(db: Db, params: SearchParams, now = Date.now()): Promise<SearchPageDto> {
  const loaded = await currentSearch(db)
  if (!loaded) return { items: [], page: params.page, pageSize: params.pageSize, total: 0, facets: { cities: [], categories: [] } }
  return searchEvents(loaded.search, params, now)
}

export async function suggestSearches(db: Db, q: string, now = Date.now()): Promise<SuggestResponseDto> {
  const loaded = await currentSearch(db)
  return { suggestions: loaded ? suggest(loaded.search.suggester, q, now) : [] }
}

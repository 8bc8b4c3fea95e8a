// Shapes of the search API and of the serialized index the browser keeps for offline search.
import type { PackedIndex } from '../search/packed-index'
import type { Money } from './event'

/** One result of GET /api/search: the event's summary as the index stores it, plus why it matched. */
export interface SearchHitDto {
  id: string
  title: string
  category: string
  startsAt: string
  endsAt: string
  timezone: string
  venue: { name: string, city: string }
  priceFrom: Money | null
  /** lunr relevance; 0 when the query was empty (upcoming events, soonest first). */
  score: number
  /** Index terms (lower-case, stemmed) that matched; `highlightParts` marks the words they came from. */
  matchedTerms: string[]
}

export interface SearchFacets {
  cities: string[]
  categories: string[]
}

export interface SearchPageDto {
  items: SearchHitDto[]
  page: number
  pageSize: number
  total: number
  /** Cities and categories of the indexed events, for the filter controls. */
  facets: SearchFacets
}

export interface SuggestionDto {
  text: string
  kind: 'title' | 'term'
}

export interface SuggestResponseDto {
  suggestions: SuggestionDto[]
}

/**
 * An event as stored beside the lunr index, as a tuple to keep the payload small:
 * [id, title, startsAt ms, endsAt ms, timezone, city, category, venue name, lowest price cents | null, currency | null]
 */
export type SearchDocTuple = [string, string, number, number, string, string, string, string, number | null, string | null]

/** The snapshot's JSON (stored gzip-compressed) and the body of GET /api/search/index. */
export interface SearchIndexPayload {
  format: 1
  builtAt: string
  /** The lunr index in packed form (see shared/search/packed-index.ts); documents are positions in `docs`. */
  index: PackedIndex
  docs: SearchDocTuple[]
  /** Frequent words of the catalogue with their document counts, most frequent first, for suggestions. */
  terms: [string, number][]
  facets: SearchFacets
}

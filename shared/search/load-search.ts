// A snapshot's payload made searchable: the lunr index plus the stored event fields, ready for
// filtering, ordering and suggestions. Built once per snapshot, then only read.
import type { SearchDocTuple, SearchFacets, SearchIndexPayload } from '../types/search'
import { unpackIndex, type SearchIndex } from './packed-index'
import { buildSuggester, type Suggester } from './suggester'
import { fold, wordsOf } from './words'

export interface SearchDoc {
  id: string
  title: string
  startsAt: number
  endsAt: number
  timezone: string
  city: string
  category: string
  venueName: string
  priceCents: number | null
  currency: string | null
  /** The title's words, folded and space-separated, for suggestions. */
  titleKey: string
  /** Folded city and category, compared with the filters. */
  cityKey: string
  categoryKey: string
}

export interface LoadedSearch {
  index: SearchIndex
  /** By position, as the index refers to them. */
  docs: SearchDoc[]
  /** Positions in `docs`, soonest event first: the order of an empty query. */
  bySoonest: number[]
  facets: SearchFacets
  suggester: Suggester
}

function docOf([id, title, startsAt, endsAt, timezone, city, category, venueName, priceCents, currency]: SearchDocTuple): SearchDoc {
  return { id, title, startsAt, endsAt, timezone, city, category, venueName, priceCents, currency, titleKey: wordsOf(title).join(' '), cityKey: fold(city), categoryKey: fold(category) }
}

export function loadSearch(payload: SearchIndexPayload): LoadedSearch {
  const docs = payload.docs.map(docOf)
  const bySoonest = docs.map((_, i) => i).sort((a, b) => docs[a]!.startsAt - docs[b]!.startsAt || a - b)
  return {
    index: unpackIndex(payload.index),
    docs,
    bySoonest,
    facets: payload.facets,
    suggester: buildSuggester(docs, payload.terms),
  }
}

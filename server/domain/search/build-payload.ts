// Builds the lunr index of the catalogue and the fields stored beside it. Pure: the snapshot
// builder feeds it from PostgreSQL, the benchmark from a synthetic catalogue.
import type { Money } from '../../../shared/types/event.ts'
import type { SearchDocTuple, SearchIndexPayload } from '../../../shared/types/search.ts'
import { packIndex, type PackedIndex } from '../../../shared/search/packed-index.ts'
import { SEARCH_FIELDS, indexTermsOf, isStopWord, wordsOf } from '../../../shared/search/words.ts'

export interface SearchSource {
  id: string
  title: string
  description: string
  category: string
  organiserName: string
  venueName: string
  city: string
  startsAt: Date
  endsAt: Date
  timezone: string
  priceFrom: Money | null
}

/** Frequent words kept for suggestions; the long tail stays reachable through titles and search. */
const MAX_SUGGESTION_TERMS = 5_000

function fieldTexts(source: SearchSource): Record<keyof typeof SEARCH_FIELDS, string> {
  return {
    title: source.title,
    organiser: source.organiserName,
    category: source.category,
    venue: `${source.venueName} ${source.city}`,
    description: source.description,
  }
}

function buildIndex(sources: SearchSource[]): PackedIndex {
  const fields = Object.entries(SEARCH_FIELDS).map(([name, boost]) => ({ name, boost }))
  const texts = sources.map(fieldTexts)
  const fieldTerms = fields.map(({ name }) => texts.map(t => indexTermsOf(t[name as keyof typeof SEARCH_FIELDS])))
  return packIndex(fields, fieldTerms)
}

function frequentTerms(sources: SearchSource[]): [string, number][] {
  const counts = new Map<string, number>()
  for (const source of sources) {
    const words = new Set(Object.values(fieldTexts(source)).flatMap(wordsOf))
    for (const word of words) if (!isStopWord(word)) counts.set(word, (counts.get(word) ?? 0) + 1)
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_SUGGESTION_TERMS)
}

function distinctSorted(values: string[]): string[] {
  const byKey = new Map<string, string>()
  for (const value of values) if (!byKey.has(value.toLowerCase())) byKey.set(value.toLowerCase(), value)
  return [...byKey.values()].sort((a, b) => a.localeCompare(b))
}

function tupleOf(s: SearchSource): SearchDocTuple {
  return [s.id, s.title, s.startsAt.getTime(), s.endsAt.getTime(), s.timezone, s.city, s.category, s.venueName, s.priceFrom?.amountCents ?? null, s.priceFrom?.currency ?? null]
}

export function buildSearchPayload(sources: SearchSource[], builtAt = new Date()): SearchIndexPayload {
  return {
    format: 1,
    builtAt: builtAt.toISOString(),
    index: buildIndex(sources),
    docs: sources.map(tupleOf),
    terms: frequentTerms(sources),
    facets: { cities: distinctSorted(sources.map(s => s.city)), categories: distinctSorted(sources.map(s => s.category)) },
  }
}

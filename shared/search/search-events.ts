// The one search function, run by the server and, offline, by the browser over the same index:
// sanitised words → index terms (lunr stemming, prefix and typo expansion) → lunr's scoring, with
// every word required → filters → ranked page.
import type { SearchHitDto, SearchPageDto } from '../types/search'
import { expandWord } from './expand-word'
import type { LoadedSearch, SearchDoc } from './load-search'
import { planQuery } from './query-plan'
import { holdsTerm, scoreTerms, type ScoredDoc, type TermQuery } from './score-terms'
import { fold } from './words'

export interface SearchParams {
  q?: string
  /** ISO date (whole day, UTC) or date-time with offset. */
  from?: string
  to?: string
  city?: string
  category?: string
  /** Lowest ticket price bounds, in minor units (cents). */
  minPrice?: number
  maxPrice?: number
  page: number
  pageSize: number
}

interface Ranked {
  /** The query's index terms, by position. */
  terms: number[]
  hits: ScoredDoc[]
}

const DAY_MS = 86_400_000

function startOf(value: string): number {
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value)
}

function endOf(value: string): number {
  // A bare date as the upper bound includes that whole day.
  return value.length === 10 ? Date.parse(`${value}T00:00:00Z`) + DAY_MS : Date.parse(value)
}

function filterOf(params: SearchParams, now: number): (doc: SearchDoc) => boolean {
  const from = params.from ? startOf(params.from) : -Infinity
  const to = params.to ? endOf(params.to) : Infinity
  const city = params.city ? fold(params.city) : undefined
  const category = params.category ? fold(params.category) : undefined
  const { minPrice, maxPrice } = params
  const priced = minPrice !== undefined || maxPrice !== undefined
  return doc => doc.endsAt > now
    && doc.startsAt >= from && doc.startsAt < to
    && (city === undefined || doc.cityKey === city)
    && (category === undefined || doc.categoryKey === category)
    && (!priced || (doc.priceCents !== null
      && (minPrice === undefined || doc.priceCents >= minPrice)
      && (maxPrice === undefined || doc.priceCents <= maxPrice)))
}

function ranked(search: LoadedSearch, q: string | undefined, keep: (doc: SearchDoc) => boolean): Ranked {
  const plan = planQuery(q)
  if (plan.length === 0) {
    // Soonest first: with every score 0, the ranking's tie-breaks keep this order.
    return { terms: [], hits: search.bySoonest.filter(p => keep(search.docs[p]!)).map(position => ({ position, score: 0, words: 0 })) }
  }
  const expansions = plan.map(word => expandWord(search.index, word))
  if (plan.some((word, i) => word.required && expansions[i]!.size === 0)) return { terms: [], hits: [] }
  const terms = new Map<number, TermQuery>()
  expansions.forEach((expansion, i) => {
    for (const [term, boost] of expansion) {
      const seen = terms.get(term)
      if (seen) {
        seen.boost = Math.max(seen.boost, boost)
        seen.words |= 1 << i
      } else {
        terms.set(term, { term, boost, words: 1 << i })
      }
    }
  })
  // People expect every word they typed to count (a trailing stop word is optional).
  const required = plan.reduce((mask, word, i) => (word.required ? mask | (1 << i) : mask), 0)
  const hits = scoreTerms(search.index, [...terms.values()])
    .filter(hit => (hit.words & required) === required && keep(search.docs[hit.position]!))
  return { terms: [...terms.keys()], hits }
}

/** The first `k` of `items` in `compare` order, without sorting them all when k is small. */
function topOf<T>(items: T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k * 8 >= items.length) return items.sort(compare).slice(0, k)
  const top: T[] = []
  for (const item of items) {
    if (top.length === k && compare(item, top[k - 1]!) >= 0) continue
    let lo = 0
    let hi = top.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (compare(item, top[mid]!) < 0) hi = mid
      else lo = mid + 1
    }
    top.splice(lo, 0, item)
    if (top.length > k) top.pop()
  }
  return top
}

function hitOf(search: LoadedSearch, { position, score }: ScoredDoc, terms: number[]): SearchHitDto {
  const doc = search.docs[position]!
  const matchedTerms = terms.filter(t => holdsTerm(search.index, t, position)).map(t => search.index.terms[t]!)
  return {
    id: doc.id,
    title: doc.title,
    category: doc.category,
    startsAt: new Date(doc.startsAt).toISOString(),
    endsAt: new Date(doc.endsAt).toISOString(),
    timezone: doc.timezone,
    venue: { name: doc.venueName, city: doc.city },
    priceFrom: doc.priceCents === null || doc.currency === null ? null : { amountCents: doc.priceCents, currency: doc.currency },
    score: Math.round(score * 1000) / 1000,
    matchedTerms,
  }
}

export function searchEvents(search: LoadedSearch, params: SearchParams, now = Date.now()): SearchPageDto {
  const { terms, hits } = ranked(search, params.q, filterOf(params, now))
  const start = (params.page - 1) * params.pageSize
  const best = (a: ScoredDoc, b: ScoredDoc) => b.score - a.score || search.docs[a.position]!.startsAt - search.docs[b.position]!.startsAt || a.position - b.position
  return {
    items: topOf(hits, start + params.pageSize, best).slice(start).map(hit => hitOf(search, hit, terms)),
    page: params.page,
    pageSize: params.pageSize,
    total: hits.length,
    facets: search.facets,
  }
}

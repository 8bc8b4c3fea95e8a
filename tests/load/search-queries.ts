// The queries the search benchmark times, drawn from the catalogue itself so most of them match,
// the way people search for things that exist.
import type { SearchSource } from '../../server/domain/search/build-payload.ts'
import { isStopWord, wordsOf } from '../../shared/search/words.ts'
import { randomSource } from './search-catalogue.ts'

export interface BenchQuery {
  q: string
  city?: string
  from?: string
  to?: string
}

export interface QuerySets {
  oneWord: BenchQuery[]
  threeWords: BenchQuery[]
  filtered: BenchQuery[]
  /** Prefixes as typed: 2 to 6 letters of a title word, sometimes after a complete word. */
  suggest: string[]
}

const DAY = 86_400_000

export function benchQueries(catalogue: SearchSource[], count: number, seed = 7): QuerySets {
  const random = randomSource(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const contentWords = (e: SearchSource) => wordsOf(`${e.title} ${e.city} ${e.category}`).filter(w => !isStopWord(w) && w.length > 2)
  const sample = (n: number, make: () => BenchQuery | string | undefined) => {
    const out: (BenchQuery | string)[] = []
    while (out.length < n) {
      const q = make()
      if (q) out.push(q)
    }
    return out
  }
  const oneWord = sample(count, () => ({ q: pick(contentWords(pick(catalogue))) })) as BenchQuery[]
  const threeWords = sample(count, () => {
    const words = [...new Set(contentWords(pick(catalogue)))]
    if (words.length < 3) return undefined
    return { q: [pick(words), pick(words), pick(words)].join(' ') }
  }) as BenchQuery[]
  const filtered = sample(count, () => {
    const event = pick(catalogue)
    const from = new Date(event.startsAt.getTime() - 30 * DAY).toISOString().slice(0, 10)
    const to = new Date(event.startsAt.getTime() + 30 * DAY).toISOString().slice(0, 10)
    return { q: pick(wordsOf(event.title).filter(w => !isStopWord(w))) ?? event.category, city: event.city, from, to }
  }) as BenchQuery[]
  const suggest = sample(count, () => {
    const words = wordsOf(pick(catalogue).title)
    const word = pick(words)
    if (word.length < 3) return undefined
    const prefix = word.slice(0, 2 + Math.floor(random() * Math.min(5, word.length - 1)))
    return random() < 0.3 ? `${pick(words)} ${prefix}` : prefix
  }) as string[]
  return { oneWord, threeWords, filtered, suggest }
}

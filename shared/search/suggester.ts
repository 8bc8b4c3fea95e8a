// Completions for what is being typed: event titles and frequent words of the catalogue, found by
// prefix in a sorted vocabulary, tolerating one typo in words of five letters or more.
import type { SuggestionDto } from '../types/search'
import type { SearchDoc } from './load-search'
import { FUZZY_MIN_LENGTH } from './query-plan'
import { isStopWord, wordsOf } from './words'

export const MAX_SUGGESTIONS = 8
const MAX_TITLES = 5
/** Bounds the work for a one- or two-letter prefix on a large catalogue. */
const MAX_TITLES_SCANNED = 2_000

export interface Suggester {
  docs: SearchDoc[]
  /** Every title word and frequent term, sorted, for prefix ranges. */
  vocabulary: string[]
  /** How many events use the word; titles words outside the frequent terms count their titles. */
  frequency: Map<string, number>
  titlesByWord: Map<string, number[]>
  /** Characters of the vocabulary: what a one-letter typo could have been. */
  alphabet: string[]
}

export function buildSuggester(docs: SearchDoc[], terms: [string, number][]): Suggester {
  const frequency = new Map(terms)
  const fromTitles = new Map<string, number>()
  const titlesByWord = new Map<string, number[]>()
  docs.forEach((doc, position) => {
    for (const word of new Set(wordsOf(doc.title))) {
      const list = titlesByWord.get(word)
      if (list) list.push(position)
      else titlesByWord.set(word, [position])
      fromTitles.set(word, (fromTitles.get(word) ?? 0) + 1)
    }
  })
  for (const [word, count] of fromTitles) if (!frequency.has(word) && !isStopWord(word)) frequency.set(word, count)
  const vocabulary = [...new Set([...frequency.keys(), ...titlesByWord.keys()])].sort()
  const alphabet = [...new Set(vocabulary.join(''))]
  return { docs, vocabulary, frequency, titlesByWord, alphabet }
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

function* wordsStartingWith(sorted: string[], prefix: string): Generator<string> {
  for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) yield sorted[i]!
}

/** Every string one deletion, transposition, substitution or insertion away from `word`. */
export function oneEditAway(word: string, alphabet: readonly string[]): Set<string> {
  const out = new Set<string>()
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i)
    const tail = word.slice(i)
    if (tail) out.add(head + tail.slice(1))
    if (tail.length > 1) out.add(head + tail[1] + tail[0] + tail.slice(2))
    for (const c of alphabet) {
      if (tail) out.add(head + c + tail.slice(1))
      out.add(head + c + tail)
    }
  }
  out.delete(word)
  return out
}

/** Vocabulary words completing `prefix`: 0 for a plain completion, 1 for one typo away. */
function completions(suggester: Suggester, prefix: string): Map<string, 0 | 1> {
  const found = new Map<string, 0 | 1>()
  for (const word of wordsStartingWith(suggester.vocabulary, prefix)) found.set(word, 0)
  if (prefix.length >= FUZZY_MIN_LENGTH) {
    for (const variant of oneEditAway(prefix, suggester.alphabet)) {
      if (variant.length < 2) continue
      for (const word of wordsStartingWith(suggester.vocabulary, variant)) if (!found.has(word)) found.set(word, 1)
    }
  }
  return found
}

interface TitleCandidate { doc: SearchDoc, rank: number }

function titleSuggestions(suggester: Suggester, ranked: [string, 0 | 1][], before: string[], typed: string, now: number): string[] {
  const seen = new Set<number>()
  const candidates: TitleCandidate[] = []
  for (const [word, typo] of ranked) {
    for (const position of suggester.titlesByWord.get(word) ?? []) {
      if (seen.has(position)) continue
      seen.add(position)
      const doc = suggester.docs[position]!
      if (doc.endsAt <= now) continue
      const words = ` ${doc.titleKey}`
      if (!before.every(b => words.includes(` ${b}`))) continue
      // Plain completions before typo matches, titles that start with what was typed first.
      candidates.push({ doc, rank: typo * 2 + (doc.titleKey.startsWith(typed) ? 0 : 1) })
    }
    if (seen.size >= MAX_TITLES_SCANNED) break
  }
  candidates.sort((a, b) => a.rank - b.rank || a.doc.startsAt - b.doc.startsAt)
  const titles = new Map<string, string>()
  for (const { doc } of candidates) {
    const key = doc.titleKey
    if (!titles.has(key)) titles.set(key, doc.title)
    if (titles.size === MAX_TITLES) break
  }
  return [...titles.values()]
}

/** Up to eight completions of `q`: matching event titles first, then frequent words. */
export function suggest(suggester: Suggester, q: string, now = Date.now()): SuggestionDto[] {
  const words = wordsOf(q)
  const last = words.at(-1)
  if (!last) return []
  const before = words.slice(0, -1).filter(w => !isStopWord(w))
  const ranked = [...completions(suggester, last)]
    .sort((a, b) => a[1] - b[1] || (suggester.frequency.get(b[0]) ?? 0) - (suggester.frequency.get(a[0]) ?? 0) || a[0].length - b[0].length)
  const titles = titleSuggestions(suggester, ranked, before, words.join(' '), now)
  const out: SuggestionDto[] = titles.map(text => ({ text, kind: 'title' }))
  const taken = new Set(titles.map(t => wordsOf(t).join(' ')))
  for (const [word] of ranked) {
    if (out.length >= MAX_SUGGESTIONS) break
    if (isStopWord(word) || !suggester.frequency.get(word)) continue
    const text = [...words.slice(0, -1), word].join(' ')
    if (taken.has(text)) continue
    taken.add(text)
    out.push({ text, kind: 'term' })
  }
  return out
}

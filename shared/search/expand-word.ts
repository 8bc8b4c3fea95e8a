// Which index terms a query word stands for, and how much each counts: the word itself most,
// completions of a word being typed less, near misses (typos) least.
import type { SearchIndex } from './packed-index'
import type { QueryWord } from './query-plan'
import { termsNear, termsWithPrefix } from './token-set'

const BOOST = { exact: 10, prefix: 3, fuzzy: 1 } as const
/** Bounds the work of very short prefixes and typos on a large catalogue. */
const MAX_EXPANSIONS = 40
/** Stems are shorter than words ("celebration" → "celebr"), so a partly typed word may be longer than its stem. */
const MIN_STEM_PREFIX = 5
const MAX_STEM_SUFFIX = 3

function closestFirst(terms: string[]): string[] {
  return terms.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, MAX_EXPANSIONS)
}

/** Index terms (by position) matching the word, each with its boost. Empty when nothing can match. */
export function expandWord(index: SearchIndex, word: QueryWord): Map<number, number> {
  const terms = new Map<number, number>()
  const add = (term: string, boost: number) => {
    const at = index.termAt.get(term)
    if (at !== undefined && (terms.get(at) ?? 0) < boost) terms.set(at, boost)
  }
  if (word.required) add(word.stem, BOOST.exact)
  if (word.prefix) {
    for (const term of closestFirst(termsWithPrefix(index.tokenSet, word.word))) add(term, BOOST.prefix)
    for (let k = Math.max(MIN_STEM_PREFIX, word.word.length - MAX_STEM_SUFFIX); k < word.word.length; k++) add(word.word.slice(0, k), BOOST.prefix)
  }
  if (word.fuzzy) {
    const near = new Set([...termsNear(index.tokenSet, word.stem, 1), ...termsNear(index.tokenSet, word.word, 1)])
    for (const term of closestFirst([...near])) add(term, BOOST.fuzzy)
  }
  return terms
}

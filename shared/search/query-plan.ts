// The query sanitiser: what people type is words, never lunr query syntax. Punctuation, `title:`,
// `~`, `^`, `*`, `+`, `-` and quotes are only separators, so no input can make a search fail.
import { isStopWord, stem, wordsOf } from './words'

export const MAX_QUERY_WORDS = 8
/** Words this long or longer also match index terms one edit away (a typo). */
export const FUZZY_MIN_LENGTH = 5

export interface QueryWord {
  /** As typed, folded to lower case without accents. */
  word: string
  /** The index term the word maps to. */
  stem: string
  /** The last word may still be being typed: it also matches as a prefix ("fad" → "fado"). */
  prefix: boolean
  fuzzy: boolean
  /** Every required word must match a result; a trailing stop word ("the" on the way to "theatre") is optional. */
  required: boolean
}

export function planQuery(q: string | undefined): QueryWord[] {
  const all = wordsOf(q ?? '')
  // A repeated word counts once, where it was typed last; the last words typed matter most.
  const words = all.filter((w, i) => all.lastIndexOf(w) === i).slice(-MAX_QUERY_WORDS)
  return words.flatMap((word, i) => {
    const last = i === words.length - 1
    const stopWord = isStopWord(word)
    if (stopWord && !last) return []
    return [{ word, stem: stem(word), prefix: last, fuzzy: word.length >= FUZZY_MIN_LENGTH, required: !stopWord }]
  })
}

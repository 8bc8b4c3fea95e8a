// How text becomes words, the same for the index, the query and the highlighter, on server and browser.
import lunr from 'lunr'

/** Fields of the lunr index and their boosts: a title match outranks everything else. */
export const SEARCH_FIELDS = {
  title: 10,
  organiser: 3,
  category: 3,
  venue: 2,
  description: 1,
} as const

const NON_WORD = /[^\p{L}\p{N}]+/u
const COMBINING_MARKS = /\p{M}/gu

/** Lower-case, accents folded ("Métro" → "metro"), so people can type without them. */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase()
}

/**
 * The words of a text: letters and digits only, so punctuation and lunr's query syntax (`:~^*+-"`)
 * are never more than separators. Single characters carry no meaning for search and are dropped.
 */
export function wordsOf(text: string): string[] {
  return fold(text).split(NON_WORD).filter(w => w.length > 1)
}

export function isStopWord(word: string): boolean {
  return lunr.stopWordFilter(new lunr.Token(word, {})) === undefined
}

/** The index term a word is stored under (Porter stemmer: "concerts" → "concert"). */
export function stem(word: string): string {
  return lunr.stemmer(new lunr.Token(word, {})).toString()
}

// Catalogue words repeat a lot; stemming each distinct word once keeps index builds fast.
const stems = new Map<string, string>()
const MAX_CACHED_STEMS = 200_000

/** What lunr's English pipeline stores for a text: its words without stop words, stemmed. */
export function indexTermsOf(text: string): string[] {
  const terms: string[] = []
  for (const word of wordsOf(text)) {
    if (isStopWord(word)) continue
    let term = stems.get(word)
    if (term === undefined) {
      term = stem(word)
      if (stems.size < MAX_CACHED_STEMS) stems.set(word, term)
    }
    terms.push(term)
  }
  return terms
}

// Scores documents for a set of weighted index terms the way lunr.Index#query does (each field's
// query vector dotted with the document's field vector, over the query vector's magnitude, summed
// over fields), but over the regrouped postings, touching only the documents that hold a query term.
import type { SearchIndex } from './packed-index'

export interface TermQuery {
  term: number
  boost: number
  /** Bit i set: the term stands for query word i. */
  words: number
}

export interface ScoredDoc {
  position: number
  score: number
  /** Bit i set: query word i matched this document. */
  words: number
}

export function scoreTerms(index: SearchIndex, query: TermQuery[]): ScoredDoc[] {
  const magnitude = Math.sqrt(query.reduce((sum, q) => sum + q.boost * q.boost, 0))
  if (magnitude === 0) return []
  const scores = new Float64Array(index.documentCount)
  const words = new Uint32Array(index.documentCount)
  const touched: number[] = []
  for (const q of query) {
    const boost = q.boost / magnitude
    for (let slot = index.offsets[q.term]!; slot < index.offsets[q.term + 1]!; slot++) {
      const position = index.docs[slot]!
      if (words[position] === 0) touched.push(position)
      scores[position]! += boost * index.weights[slot]!
      words[position]! |= q.words
    }
  }
  return touched.map(position => ({ position, score: scores[position]!, words: words[position]! }))
}

/** Whether a document holds a term: binary search in the term's postings. */
export function holdsTerm(index: SearchIndex, term: number, position: number): boolean {
  let lo = index.offsets[term]!
  let hi = index.offsets[term + 1]!
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const doc = index.docs[mid]!
    if (doc === position) return true
    if (doc < position) lo = mid + 1
    else hi = mid
  }
  return false
}

// A compact form of a lunr index for the snapshot and the browser. lunr's own JSON repeats every
// posting twice (inverted index and field vectors) with float scores; this keeps only which terms
// each field of each document holds, and computes the weights on load with lunr.Builder's own BM25
// formula and rounding, so scores are exactly what lunr would have produced.
import lunr from 'lunr'

interface PackedField {
  name: string
  boost: number
  /**
   * Per document, in order: the number of entries that follow, then the entries. An entry n ≥ 1
   * is the gap to the next term's position in `terms` (from -1); a negative entry -t says the
   * next term occurs t times (otherwise once).
   */
  postings: number[]
}

export interface PackedIndex {
  /** Index terms, sorted (lunr's token set needs them sorted). */
  terms: string[]
  documentCount: number
  fields: PackedField[]
}

/** lunr.Builder's BM25 defaults. */
const K1 = 1.2
const B = 0.75

/** `fieldTerms[field][doc]`: the pipeline's output terms of that field of that document. */
export function packIndex(fields: { name: string, boost: number }[], fieldTerms: string[][][]): PackedIndex {
  const documentCount = fieldTerms[0]?.length ?? 0
  const terms = [...new Set(fieldTerms.flat(2))].sort()
  const position = new Map(terms.map((t, i) => [t, i]))
  return {
    terms,
    documentCount,
    fields: fields.map(({ name, boost }, f) => {
      const postings: number[] = []
      for (const docTerms of fieldTerms[f]!) {
        const counts = new Map<number, number>()
        for (const term of docTerms) {
          const at = position.get(term)!
          counts.set(at, (counts.get(at) ?? 0) + 1)
        }
        const entries: number[] = []
        let previous = -1
        for (const at of [...counts.keys()].sort((a, b) => a - b)) {
          const tf = counts.get(at)!
          if (tf > 1) entries.push(-tf)
          entries.push(at - previous)
          previous = at
        }
        postings.push(entries.length, ...entries)
      }
      return { name, boost, postings }
    }),
  }
}

/**
 * The loaded index, laid out for fast scoring: per term, the documents holding it (ascending) and
 * the term's BM25 weight in each, summed over the document's fields — lunr.Builder's field vectors,
 * regrouped by term, so a query costs only the postings of its own terms.
 */
export interface SearchIndex {
  terms: string[]
  termAt: Map<string, number>
  /** lunr's automaton over the terms, for prefix and edit-distance expansion. */
  tokenSet: lunr.TokenSet
  documentCount: number
  /** Postings of term t are the slots offsets[t] … offsets[t + 1] - 1. */
  offsets: Uint32Array
  docs: Uint32Array
  weights: Float64Array
}

/** Walks the packed postings document by document, each field's entries in turn. */
function eachPosting(packed: PackedIndex, visit: (doc: number, field: number, term: number, tf: number) => void, fieldDone?: (doc: number, field: number) => void): void {
  const cursors = packed.fields.map(() => 0)
  for (let doc = 0; doc < packed.documentCount; doc++) {
    packed.fields.forEach(({ postings: p }, f) => {
      let i = cursors[f]!
      const end = i + 1 + p[i]!
      let term = -1
      let times = 1
      for (i++; i < end; i++) {
        const entry = p[i]!
        if (entry < 0) {
          times = -entry
          continue
        }
        term += entry
        visit(doc, f, term, times)
        times = 1
      }
      cursors[f] = end
      fieldDone?.(doc, f)
    })
  }
}

export function unpackIndex(packed: PackedIndex): SearchIndex {
  const { terms, documentCount: n, fields } = packed
  const fieldLengths = fields.map(() => new Uint32Array(n))
  // lunr's idf counts a document once per field that holds the term.
  const fieldDocsWithTerm = new Uint32Array(terms.length)
  const docsWithTerm = new Uint32Array(terms.length)
  const lastDoc = new Int32Array(terms.length).fill(-1)
  eachPosting(packed, (doc, f, term, tf) => {
    fieldLengths[f]![doc]! += tf
    fieldDocsWithTerm[term]!++
    if (lastDoc[term] !== doc) {
      lastDoc[term] = doc
      docsWithTerm[term]!++
    }
  })
  const idf = Float64Array.from(fieldDocsWithTerm, df => Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5))))
  const averageLength = fieldLengths.map(lengths => lengths.reduce((sum, l) => sum + l, 0) / (n || 1))
  const offsets = new Uint32Array(terms.length + 1)
  for (let t = 0; t < terms.length; t++) offsets[t + 1] = offsets[t]! + docsWithTerm[t]!
  const docs = new Uint32Array(offsets[terms.length]!)
  const weights = new Float64Array(docs.length)
  const next = offsets.slice(0, terms.length)
  const slotOf = new Uint32Array(terms.length)
  lastDoc.fill(-1)
  eachPosting(packed, (doc, f, term, tf) => {
    const length = fieldLengths[f]![doc]!
    const score = idf[term]! * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / averageLength[f]!)) + tf) * fields[f]!.boost
    // Rounded per field, as lunr.Builder stores its field vectors.
    const weight = Math.round(score * 1000) / 1000
    if (lastDoc[term] !== doc) {
      lastDoc[term] = doc
      slotOf[term] = next[term]!++
      docs[slotOf[term]!] = doc
      weights[slotOf[term]!] = weight
    } else {
      weights[slotOf[term]!]! += weight
    }
  })
  const TokenSet = lunr.TokenSet as unknown as { fromArray(sorted: string[]): lunr.TokenSet }
  return { terms, termAt: new Map(terms.map((t, i) => [t, i])), tokenSet: TokenSet.fromArray(terms), documentCount: n, offsets, docs, weights }
}

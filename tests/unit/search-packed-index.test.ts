// The packed index and its scoring must give exactly the scores lunr.Builder + lunr.Index#query give.
import lunr from 'lunr'
import { describe, expect, it } from 'vitest'
import { packIndex, unpackIndex, type PackedIndex, type SearchIndex } from '../../shared/search/packed-index.ts'
import { scoreTerms } from '../../shared/search/score-terms.ts'
import { SEARCH_FIELDS, indexTermsOf, wordsOf } from '../../shared/search/words.ts'
import { generateCatalogue } from '../load/search-catalogue.ts'

const catalogue = generateCatalogue(300, 7)
const texts = catalogue.map(e => ({ title: e.title, organiser: e.organiserName, category: e.category, venue: `${e.venueName} ${e.city}`, description: e.description }))
const fields = Object.entries(SEARCH_FIELDS).map(([name, boost]) => ({ name, boost }))

function lunrBuilt(): lunr.Index {
  const builder = new lunr.Builder()
  builder.pipeline.add(lunr.stopWordFilter, lunr.stemmer)
  builder.searchPipeline.add(lunr.stemmer)
  builder.ref('ref')
  for (const { name, boost } of fields) builder.field(name, { boost })
  texts.forEach((t, i) => builder.add({ ref: i.toString(36), ...Object.fromEntries(Object.entries(t).map(([k, v]) => [k, wordsOf(v).join(' ')])) }))
  return builder.build()
}

type Query = [term: string, boost: number][]

/** lunr's own answer: refs and scores, best first. */
function lunrScores(index: lunr.Index, query: Query): [string, number][] {
  return index.query((q) => {
    for (const [term, boost] of query) q.term(term, { usePipeline: false, boost })
  }).map(r => [r.ref, r.score])
}

function ourScores(index: SearchIndex, query: Query): [string, number][] {
  return scoreTerms(index, query.map(([term, boost]) => ({ term: index.termAt.get(term)!, boost, words: 1 })))
    .sort((a, b) => b.score - a.score || a.position - b.position)
    .map(hit => [hit.position.toString(36), hit.score])
}

function expectSame(actual: [string, number][], expected: [string, number][]) {
  expect(actual.map(([ref]) => ref).sort()).toEqual(expected.map(([ref]) => ref).sort())
  const want = new Map(expected)
  for (const [ref, score] of actual) expect(score, ref).toBeCloseTo(want.get(ref)!, 9)
}

describe('packIndex / unpackIndex / scoreTerms', () => {
  const expected = lunrBuilt()
  const packed = JSON.parse(JSON.stringify(packIndex(fields, fields.map(({ name }) => texts.map(t => indexTermsOf(t[name as keyof typeof t])))))) as PackedIndex
  const actual = unpackIndex(packed)

  it('holds the same terms and scores every one of them as lunr.Index#query does', () => {
    expect(actual.terms).toEqual(Object.keys((expected as unknown as { invertedIndex: object }).invertedIndex).sort())
    for (const term of actual.terms) expectSame(ourScores(actual, [[term, 1]]), lunrScores(expected, [[term, 1]]))
  })

  it.each<[string, Query]>([
    ['boosted terms', [['berlin', 10], ['night', 3], ['festiv', 1]]],
    ['a term in several fields', [['jazz', 10], ['music', 3]]],
    ['many terms', actual.terms.filter((_, i) => i % 50 === 0).map((t, i) => [t, 1 + (i % 3)] as [string, number])],
  ])('scores %s as lunr.Index#query does', (_, query) => {
    const known = query.filter(([term]) => actual.termAt.has(term))
    expect(known.length).toBeGreaterThan(0)
    expectSame(ourScores(actual, known), lunrScores(expected, known))
  })
})

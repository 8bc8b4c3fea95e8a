import { describe, expect, it } from 'vitest'
import { MAX_QUERY_WORDS, planQuery } from '../../shared/search/query-plan.ts'

describe('planQuery: what people type is words, never lunr syntax', () => {
  it.each([
    ['title:~^*+-"', ['title']],
    ['jazz~2 +harbour -night', ['jazz', 'harbour', 'night']],
    ['"jazz night"', ['jazz', 'night']],
    ['title:jazz^10', ['title', 'jazz', '10']],
    ['*', []],
    ['((( )))', []],
    ['🎷 jazz!!!', ['jazz']],
    ['Rock & Roll', ['rock', 'roll']],
    ['Café Métro', ['cafe', 'metro']],
    ['stand-up', ['stand', 'up']],
    ['', []],
  ])('%j → %j', (q, words) => {
    expect(planQuery(q).map(w => w.word)).toEqual(words)
  })

  it('drops stop words except a last one, which is an optional prefix ("the" on the way to "theatre")', () => {
    expect(planQuery('the jazz of the')).toEqual([
      { word: 'jazz', stem: 'jazz', prefix: false, fuzzy: false, required: true },
      { word: 'the', stem: 'the', prefix: true, fuzzy: false, required: false },
    ])
  })

  it.each([
    ['concerts', 'concert'],
    ['running', 'run'],
    ['festivals', 'festiv'],
  ])('stems %s to %s', (word, stem) => {
    expect(planQuery(word)[0]!.stem).toBe(stem)
  })

  it('only the last word is a prefix; words of five letters or more tolerate a typo', () => {
    expect(planQuery('harbour jazz').map(w => [w.word, w.prefix, w.fuzzy])).toEqual([['harbour', false, true], ['jazz', true, false]])
  })

  it(`keeps at most ${MAX_QUERY_WORDS} distinct words`, () => {
    expect(planQuery('one two three four five six seven eight nine ten jazz jazz')).toHaveLength(MAX_QUERY_WORDS)
    expect(planQuery('jazz jazz JAZZ').map(w => w.word)).toEqual(['jazz'])
  })
})

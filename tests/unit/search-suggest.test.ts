import { describe, expect, it } from 'vitest'
import { MAX_SUGGESTIONS, oneEditAway, suggest } from '../../shared/search/suggester.ts'
import { NOW, fixtureSearch } from './search-fixture.ts'

const { suggester } = fixtureSearch()
const texts = (q: string) => suggest(suggester, q, NOW).map(s => s.text)

describe('suggest', () => {
  it.each([
    ['ja', 'Jazz Night at the Harbour'],
    ['harb', 'Harbour Lights Festival'],
    ['shakes', "Shakespeare's Much Ado About Nothing"],
    ['cafe m', 'Café Métro Stand-Up'],
    ['the harb', 'Jazz Night at the Harbour'],
  ])('completes %j with the title %j', (q, title) => {
    expect(texts(q)).toContain(title)
  })

  it('offers titles first (those starting with the words typed before others), then frequent words', () => {
    expect(suggest(suggester, 'harb', NOW)).toEqual([
      { text: 'Harbour Lights Festival', kind: 'title' },
      { text: 'Jazz Night at the Harbour', kind: 'title' },
      { text: 'harbour', kind: 'term' },
    ])
  })

  it.each([
    ['festivl', 'Harbour Lights Festival'],
    ['harbuor', 'Harbour Lights Festival'],
    ['shakespaere', "Shakespeare's Much Ado About Nothing"],
  ])('tolerates a typo in words of five letters or more: %j', (q, title) => {
    expect(texts(q)).toContain(title)
  })

  it('does not guess at typos in short words', () => {
    expect(texts('jaz')).toContain('Jazz Night at the Harbour')
    expect(texts('jqz')).toEqual([])
  })

  it('leaves out titles of ended events; punctuation or an empty prefix gives nothing', () => {
    expect(texts('memor')).not.toContain('Old Jazz Memories')
    expect(texts('')).toEqual([])
    expect(texts('title:~^*+-"')).toEqual([])
  })

  it(`returns at most ${MAX_SUGGESTIONS}`, () => {
    const many = fixtureSearch(Array.from({ length: 30 }, (_, i) => ({
      id: `id-${i}`, title: `Jazz Session ${i}`, description: `jazzy jazzier jazzman${i}`, category: 'Music', organiserName: 'x', venueName: 'v', city: 'Berlin',
      startsAt: new Date(NOW + 86_400_000), endsAt: new Date(NOW + 90_000_000), timezone: 'Europe/Berlin', priceFrom: null,
    })))
    expect(suggest(many.suggester, 'jazz', NOW)).toHaveLength(MAX_SUGGESTIONS)
  })
})

describe('oneEditAway', () => {
  it('covers deletions, transpositions, substitutions and insertions', () => {
    const near = oneEditAway('abc', ['a', 'b', 'c', 'x'])
    for (const word of ['bc', 'ac', 'ab', 'bac', 'acb', 'xbc', 'abx', 'xabc', 'abcx', 'abxc']) expect(near).toContain(word)
    expect(near).not.toContain('abc')
    expect(near).not.toContain('cba')
  })
})

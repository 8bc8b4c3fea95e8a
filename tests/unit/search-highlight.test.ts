import { describe, expect, it } from 'vitest'
import { highlightParts } from '../../shared/search/highlight.ts'

const marked = (text: string, terms: string[]) =>
  highlightParts(text, terms).map(p => (p.match ? `[${p.text}]` : p.text)).join('')

describe('highlightParts', () => {
  it.each([
    ['Jazz Night at the Harbour', ['jazz'], '[Jazz] Night at the Harbour'],
    ['Concerts in Black and White', ['concert'], '[Concerts] in Black and White'],
    ['Café Métro Stand-Up', ['cafe', 'metro'], '[Café] [Métro] Stand-Up'],
    ['Stand-Up Night', ['stand', 'up'], '[Stand]-[Up] Night'],
    ["Shakespeare's Much Ado", ['shakespear'], "[Shakespeare]'s Much Ado"],
    ['Running Club', ['run'], '[Running] Club'],
    ['No match here', ['jazz'], 'No match here'],
    ['Anything', [], 'Anything'],
  ])('%j with %j', (text, terms, expected) => {
    expect(marked(text, terms)).toBe(expected)
  })

  it('keeps the text intact', () => {
    const text = '  Jazz — (live!) jazz  '
    expect(highlightParts(text, ['jazz']).map(p => p.text).join('')).toBe(text)
  })
})

// Which texts are origins an organiser may allow, how they are normalised, and which origins may
// frame one widget answer.
import { describe, expect, it } from 'vitest'
import { embedOrigin, embedOriginProblem, putEmbedOriginsBody } from '../../shared/schemas/embed.ts'
import { embedFraming } from '../../server/domain/embed/embed-framing.ts'

describe('embed origins', () => {
  it.each([
    ['https://shop.example.com', 'https://shop.example.com'],
    ['HTTPS://Shop.Example.COM:443/', 'https://shop.example.com'],
    ['https://shop.example.com:8443', 'https://shop.example.com:8443'],
    ['  https://xn--bcher-kva.example  ', 'https://xn--bcher-kva.example'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://127.0.0.1:3001/', 'http://127.0.0.1:3001'],
    ['http://[::1]:4000', 'http://[::1]:4000'],
  ])('accepts %s as %s', (text, origin) => {
    expect(embedOrigin.parse(text)).toBe(origin)
  })

  it.each([
    'http://shop.example.com', 'https://shop.example.com/path', 'https://shop.example.com/?', 'https://shop.example.com#x',
    'https://u:p@shop.example.com', 'https://*.example.com', 'ftp://shop.example.com', 'shop.example.com', 'javascript:alert(1)', 'null',
  ])('refuses %s', (text) => {
    expect(embedOriginProblem(text)).toBeTypeOf('string')
    expect(embedOrigin.safeParse(text).success).toBe(false)
  })

  it('takes at most 20 origins and nothing but the list', () => {
    expect(putEmbedOriginsBody.safeParse({ origins: Array.from({ length: 20 }, (_, i) => `https://s${i}.example.com`) }).success).toBe(true)
    expect(putEmbedOriginsBody.safeParse({ origins: Array.from({ length: 21 }, (_, i) => `https://s${i}.example.com`) }).success).toBe(false)
    expect(putEmbedOriginsBody.safeParse({ origins: [], extra: 1 }).success).toBe(false)
  })
})

describe('embedFraming', () => {
  const allowed = ['https://a.example.com', 'https://b.example.com']
  it.each([
    ['no origin named: the whole list, no host', undefined, { ancestors: allowed }],
    ['a listed origin: that one alone, as the host', 'https://b.example.com', { ancestors: ['https://b.example.com'], host: 'https://b.example.com' }],
    ['a listed origin written differently', 'HTTPS://B.example.com:443', { ancestors: ['https://b.example.com'], host: 'https://b.example.com' }],
    ['an origin not on the list: nobody', 'https://evil.example.net', { ancestors: [] }],
    ['something that is not an origin: nobody', 'https://a.example.com/x', { ancestors: [] }],
    ['a repeated parameter: nobody', ['https://a.example.com'], { ancestors: [] }],
  ])('%s', (_what, requested, expected) => {
    expect(embedFraming(allowed, requested)).toEqual(expected)
  })

  it('gives nobody when the organiser has no list', () => {
    expect(embedFraming([], 'https://a.example.com')).toEqual({ ancestors: [] })
    expect(embedFraming([], undefined)).toEqual({ ancestors: [] })
  })
})

// The page cache's keys, and the hash-based CSP that lets a page be cached with its policy.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { cacheablePage } from '../../server/cache/page-key.ts'
import { inlineHashes, pageCsp } from '../../server/utils/security-headers.ts'

const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`
const ID = '0b8a4a4e-5f7e-4c53-9a55-2f3b1c0d9e11'

describe('cacheablePage', () => {
  it('caches home, the list and an event page, one key whatever the query order', () => {
    expect(cacheablePage('/')).toEqual({ path: '/', scopes: ['page:catalogue'] })
    expect(cacheablePage('/events?page=2&city=Oslo')).toEqual({ path: '/events?city=Oslo&page=2', scopes: ['page:catalogue'] })
    expect(cacheablePage('/events?city=Oslo&page=2')!.path).toBe('/events?city=Oslo&page=2')
    expect(cacheablePage(`/events/${ID.toUpperCase()}`)).toEqual({ path: `/events/${ID.toUpperCase()}`, scopes: [`page:event:${ID}`] })
  })

  it('leaves every other page, sub-page and unknown query to the renderer', () => {
    for (const path of ['/search?q=jazz', '/signin', '/bookings', `/events/${ID}/book`, `/events/${ID}/`, '/events/not-an-id', '/?utm_source=x', '/events?q=1']) {
      expect(cacheablePage(path), path).toBeUndefined()
    }
  })
})

describe('hash-based page CSP', () => {
  it('names each inline script and style element, not scripts with src nor JSON data blocks', () => {
    const html = '<head><style>a{color:red}</style><script type="module" src="/_nuxt/e.js"></script>'
      + '<script>window.__NUXT__={}</script></head><body><script type="application/json" id="__NUXT_DATA__">[1]</script>'
      + '<script>window.__NUXT__={}</script></body>'
    const hashes = inlineHashes(html)
    expect(hashes).toEqual({ scripts: [sha('window.__NUXT__={}')], styles: [sha('a{color:red}')] })
    const csp = pageCsp(hashes)
    expect(csp).toContain(`script-src 'self' ${sha('window.__NUXT__={}')};`)
    expect(csp).toContain(`style-src 'self' ${sha('a{color:red}')};`)
    expect(csp).not.toMatch(/nonce|unsafe-eval|script-src[^;]*unsafe-inline/)
  })

  it('allows no inline code at all when a page has none', () => {
    expect(pageCsp(inlineHashes('<p>plain</p>'))).toContain(`script-src 'self'; style-src 'self';`)
  })
})

describe('inlineStylesheets', () => {
  it('drops links whose rules the page already has, inlines the others, and reads each file once', async () => {
    const { inlineStylesheets } = await import('../../server/utils/inline-stylesheets.ts')
    const files: Record<string, string> = { '/_nuxt/a1.css': ':root{--x:1}', '/_nuxt/b1.css': '.b{color:red}', '/_nuxt/huge1.css': 'x'.repeat(40_000) }
    const reads: string[] = []
    const load = async (href: string) => { reads.push(href); return files[href] }
    const head = '<link rel="stylesheet" href="/_nuxt/a1.css" crossorigin><link rel="stylesheet" href="/_nuxt/b1.css" crossorigin>'
      + '<link rel="stylesheet" href="/_nuxt/huge1.css" crossorigin><link rel="stylesheet" href="/_nuxt/gone1.css" crossorigin><style>.b{color:red}</style>'
    const out = await inlineStylesheets(head, head, load)
    expect(out).toBe('<style>:root{--x:1}</style><link rel="stylesheet" href="/_nuxt/huge1.css" crossorigin><link rel="stylesheet" href="/_nuxt/gone1.css" crossorigin><style>.b{color:red}</style>')
    await inlineStylesheets(head, head, load)
    expect(reads.sort()).toEqual(['/_nuxt/a1.css', '/_nuxt/b1.css', '/_nuxt/gone1.css', '/_nuxt/huge1.css'])
  })
})

// Public pages (home, the event list, an event page) for visitors who are not signed in, rendered
// once and served from the read cache (server/cache/read-cache.ts) like the JSON reads: in memory,
// shared through Redis, dropped on every instance when an event's public face changes (publish,
// edit, cancel, disable, waiting room) and otherwise kept at most READ_CACHE_MS.
//
// Nothing personal can be in a cached page: the copy is rendered by a request of our own that
// carries no cookie at all (so the header renders signed out), and a render that answers anything
// but a plain 200 page, or sets a cookie, is not kept. The pages show no availability in their HTML
// (the browser asks for it after hydration), so holds never touch the page cache.
//
// Signed-in visitors (a session cookie) get their page rendered for them as before, with their own
// header on first paint, `private, no-store`: a page with a name in it is never kept by anyone.
import type { H3Event } from 'h3'
import { getHeader, setResponseHeader } from 'h3'
import { useNitroApp } from 'nitropack/runtime'
import type { CachedRead } from '../cache/read-cache.ts'
import { config } from '../config/env.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE } from './auth-cookies.ts'
import { cacheablePage } from '../cache/page-key.ts'
import { LIVE_READ, cachedRead, sendCachedRead } from './read-cache.ts'
import { pageCspFor } from './security-headers.ts'

/** Marks the render the cache asks for, so this middleware lets it through to Nuxt. */
const RENDER_FOR_CACHE = 'x-bookify-page-render'
const PAGE = { contentType: 'text/html;charset=utf-8', vary: 'Accept-Encoding, Cookie' }

function hasSession(event: H3Event): boolean {
  const cookie = getHeader(event, 'cookie') ?? ''
  return cookie.includes(`${ACCESS_COOKIE}=`) || cookie.includes(`${REFRESH_COOKIE}=`)
}

class UncacheablePage extends Error {}

/** Renders a page as a visitor with no cookie sees it, through Nitro's in-process fetch. */
async function renderAnonymous(path: string): Promise<string> {
  const res = await useNitroApp().localFetch(path, { headers: { accept: 'text/html', [RENDER_FOR_CACHE]: '1' } })
  const html = await res.text()
  if (res.status !== 200 || res.headers.has('set-cookie') || !res.headers.get('content-type')?.startsWith('text/html')) {
    throw new UncacheablePage(`${path} answered ${res.status}`)
  }
  return html
}

/** Each cached page's policy, computed once per rendered copy. */
const policies = new WeakMap<CachedRead, string>()

function policyOf(read: CachedRead): string {
  let csp = policies.get(read)
  if (!csp) policies.set(read, csp = pageCspFor(read.body))
  return csp
}

/**
 * Answers a public page from the cache, or returns undefined to let Nuxt render it (signed-in
 * visitors, other pages, pages that could not be cached such as a 404).
 */
export async function servePublicPage(event: H3Event): Promise<string | Buffer | null | undefined> {
  if (event.method !== 'GET' || getHeader(event, RENDER_FOR_CACHE)) return undefined
  const page = cacheablePage(event.path)
  if (!page) return undefined
  if (hasSession(event)) {
    setResponseHeader(event, 'Cache-Control', 'private, no-store')
    setResponseHeader(event, 'Vary', PAGE.vary)
    return undefined
  }
  let read: CachedRead
  try {
    read = await cachedRead({ key: `page:${page.path}`, scopes: page.scopes, ttlMs: config().readCacheMs, raw: true, load: () => renderAnonymous(page.path) })
  } catch (err) {
    if (err instanceof UncacheablePage) return undefined
    throw err
  }
  setResponseHeader(event, 'Content-Security-Policy', policyOf(read))
  return sendCachedRead(event, read, LIVE_READ, false, PAGE)
}

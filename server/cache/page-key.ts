// Which requests the page cache (server/utils/page-cache.ts) answers, under which key, and which
// change scopes drop them. Pages show no availability, so only a change of an event's public face
// (publish, edit, cancel, disable, waiting room) touches them: a sale rush's holds leave them alone.

export const eventPageScope = (eventId: string) => `page:event:${eventId}`
export const CATALOGUE_PAGES = 'page:catalogue'

/** Query parameters the cached pages read; any other makes the request render as usual. */
const PAGE_QUERY = new Set(['page', 'from', 'to', 'city', 'category'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export interface CacheablePage {
  /** Path and sorted query: the same page however its query was ordered. */
  path: string
  scopes: string[]
}

/** The cache entry of a request path (home, the event list, an event page), or undefined. */
export function cacheablePage(requestPath: string): CacheablePage | undefined {
  const url = new URL(requestPath, 'http://page')
  for (const name of url.searchParams.keys()) if (!PAGE_QUERY.has(name)) return undefined
  url.searchParams.sort()
  const path = `${url.pathname}${url.search}`
  if (url.pathname === '/' || url.pathname === '/events') return { path, scopes: [CATALOGUE_PAGES] }
  const [, events, id, more] = url.pathname.split('/')
  if (events === 'events' && id && UUID.test(id) && more === undefined) return { path, scopes: [eventPageScope(id.toLowerCase())] }
  return undefined
}

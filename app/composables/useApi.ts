import { appendResponseHeader, type H3Event } from 'h3'
import type { NuxtApp } from '#app'

interface ApiOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  /** A JSON object, or an array for the routes that take a whole list (PUT /api/events/:id/questions). */
  body?: Record<string, unknown> | unknown[]
  query?: Record<string, string | number | boolean | undefined>
  /** Extra request headers, e.g. Idempotency-Key. */
  headers?: Record<string, string>
}

/**
 * The booking widget's pages live under /embed/ and keep their own session (server/utils/auth-cookies.ts):
 * their API calls say so, and the server reads and sets the widget's cookies instead of the app's.
 */
const WIDGET_PATH = '/embed/'
const WIDGET_HEADERS = { 'x-bookify-widget': '1' }

/** The auth routes' 401s have their own meaning (wrong password, dead refresh token): never refresh-and-retry. */
const AUTH_ROUTES = '/api/auth/'

interface SessionState {
  /** The one refresh in flight: a second refresh with the same token would be seen as reuse and revoke the session. */
  refreshing?: Promise<boolean>
  /** SSR only: the request's cookies, updated when a refresh during rendering rotated them. */
  cookie?: string
}

// One entry per NuxtApp, i.e. one in the browser and one per server-rendered request, so SSR never mixes users.
const states = new WeakMap<NuxtApp, SessionState>()

function stateOf(nuxtApp: NuxtApp): SessionState {
  let state = states.get(nuxtApp)
  if (!state) {
    state = {}
    states.set(nuxtApp, state)
  }
  return state
}

function mergeCookies(header: string | undefined, setCookies: string[]): string {
  const jar = new Map<string, string>()
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=')
    if (name) jar.set(name, value.join('='))
  }
  for (const line of setCookies) {
    const [pair = ''] = line.split(';')
    const [name, ...value] = pair.trim().split('=')
    if (name) jar.set(name, value.join('='))
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ')
}

/**
 * Refresh while rendering on the server (server/middleware/03.page-session.ts already rotates a lapsed
 * token before rendering; this covers one lapsing mid-render). The rotated cookies go to the browser
 * and to this render's later calls.
 */
async function refreshOnServer(event: H3Event, state: SessionState, origin: string, widget: Record<string, string>): Promise<boolean> {
  // State-changing cookie requests must name the app's origin; a page navigation carries none to forward.
  const res = await event.fetch('/api/auth/refresh', { method: 'POST', headers: { cookie: state.cookie ?? '', origin, ...widget } })
  if (!res.ok) return false
  const setCookies = res.headers.getSetCookie()
  for (const line of setCookies) appendResponseHeader(event, 'set-cookie', line)
  state.cookie = mergeCookies(state.cookie, setCookies)
  return true
}

async function refreshInBrowser(widget: Record<string, string>): Promise<boolean> {
  try {
    await $fetch('/api/auth/refresh', { method: 'POST', headers: widget })
    return true
  } catch {
    return false
  }
}

/**
 * $fetch for the Bookify API: forwards the visitor's cookies during SSR, and on a 401 refreshes the
 * session once (shared by every request that failed meanwhile) and retries.
 */
export function useApi() {
  const nuxtApp = useNuxtApp()
  const state = stateOf(nuxtApp)
  const requestFetch = useRequestFetch()
  const event = import.meta.server ? useRequestEvent() : undefined
  const origin = import.meta.server ? useRequestURL().origin : ''
  if (event && state.cookie === undefined) state.cookie = useRequestHeaders(['cookie']).cookie ?? ''
  const serverPath = import.meta.server ? useRequestURL().pathname : ''
  /** Asked per request in the browser: the frame's document stays under /embed/ for its whole life. */
  const widget = (): Record<string, string> => ((import.meta.server ? serverPath : window.location.pathname).startsWith(WIDGET_PATH) ? WIDGET_HEADERS : {})

  function refreshOnce(): Promise<boolean> {
    if (event && !state.cookie) return Promise.resolve(false) // an anonymous visitor has nothing to refresh
    state.refreshing ??= (event ? refreshOnServer(event, state, origin, widget()).catch(() => false) : refreshInBrowser(widget()))
      .finally(() => { state.refreshing = undefined })
    return state.refreshing
  }

  function send<T>(url: string, options: ApiOptions): Promise<T> {
    const headers = event ? { ...options.headers, ...widget(), cookie: state.cookie ?? '' } : { ...options.headers, ...widget() }
    return requestFetch<T>(url, { ...options, headers }) as Promise<T>
  }

  return async function api<T>(url: string, options: ApiOptions = {}): Promise<T> {
    try {
      return await send<T>(url, options)
    } catch (error) {
      if (statusOf(error) !== 401 || url.startsWith(AUTH_ROUTES)) throw error
      if (!(await refreshOnce())) throw error
      return await send<T>(url, options)
    }
  }
}

// Browsers carry the tokens as httpOnly cookies; API clients use the JSON bodies instead.
//
// The booking widget (/embed/…, framed by an organiser's site) has its own pair of cookies. Inside a
// third-party frame the app's SameSite=Lax cookies are never sent, and Chromium (as in our headless
// tests) also drops unpartitioned SameSite=None cookies there when third-party cookies are blocked.
// A Partitioned (CHIPS) SameSite=None; Secure cookie is kept per embedding site and still sent, so the
// widget signs in once per host site, and its session never leaks into the app's own (and back).
import { deleteCookie, getCookie, getHeader, setCookie, type H3Event } from 'h3'
import { ACCESS_TOKEN_TTL_SECONDS } from '../domain/accounts/access-tokens.ts'
import { REFRESH_TOKEN_TTL_MS } from '../domain/accounts/refresh-tokens.ts'
import { config } from '../config/env.ts'

export const ACCESS_COOKIE = 'bookify_access'
export const REFRESH_COOKIE = 'bookify_refresh'
export const WIDGET_ACCESS_COOKIE = 'bookify_widget_access'
export const WIDGET_REFRESH_COOKIE = 'bookify_widget_refresh'
/** Sent by the widget's own API calls (app/composables/useApi.ts), whose pages live under /embed/. */
export const WIDGET_HEADER = 'x-bookify-widget'

/** A request of the widget: one of its pages, or an API call made by one. */
export function isWidgetRequest(event: H3Event): boolean {
  return event.path.startsWith('/embed/') || getHeader(event, WIDGET_HEADER) === '1'
}

/** The cookie names of the session this request belongs to: the app's, or the widget's. */
export function sessionCookieNames(event: H3Event): { access: string, refresh: string } {
  return isWidgetRequest(event) ? { access: WIDGET_ACCESS_COOKIE, refresh: WIDGET_REFRESH_COOKIE } : { access: ACCESS_COOKIE, refresh: REFRESH_COOKIE }
}

function secure(): boolean {
  // Secure everywhere but plain-http localhost, where browsers would drop a Secure cookie.
  const { protocol, hostname } = new URL(config().appUrl)
  return protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(hostname)
}

/** The widget's cookies must reach a third-party frame: SameSite=None needs Secure, and so does Partitioned (browsers accept both on http://localhost). */
const WIDGET_ATTRIBUTES = { httpOnly: true, secure: true, sameSite: 'none' as const, partitioned: true, path: '/' }

function cookieAttributes(event: H3Event) {
  return isWidgetRequest(event) ? WIDGET_ATTRIBUTES : { httpOnly: true, secure: secure(), sameSite: 'lax' as const, path: '/' }
}

export function setAuthCookies(event: H3Event, tokens: { accessToken: string, refreshToken: string }): void {
  const names = sessionCookieNames(event)
  const base = cookieAttributes(event)
  setCookie(event, names.access, tokens.accessToken, { ...base, maxAge: ACCESS_TOKEN_TTL_SECONDS })
  setCookie(event, names.refresh, tokens.refreshToken, { ...base, maxAge: REFRESH_TOKEN_TTL_MS / 1000 })
}

export function clearAuthCookies(event: H3Event): void {
  const names = sessionCookieNames(event)
  const base = cookieAttributes(event)
  deleteCookie(event, names.access, base)
  deleteCookie(event, names.refresh, base)
}

export function refreshTokenFrom(event: H3Event, body: { refreshToken?: string } | undefined): string | undefined {
  return body?.refreshToken ?? getCookie(event, sessionCookieNames(event).refresh)
}

/**
 * The JSON answer of the sign-in routes. Browsers (which always send Origin on a POST) keep the
 * refresh token only in its httpOnly cookie, out of reach of page scripts; API clients without
 * cookies get it in the body, as `{refreshToken}` is how they present it back.
 */
export function authResponse<T extends { accessToken: string, refreshToken: string }>(event: H3Event, tokens: T): Omit<T, 'refreshToken'> & { refreshToken?: string } {
  if (getHeader(event, 'origin')) {
    const { refreshToken: _kept, ...rest } = tokens
    return rest
  }
  return tokens
}

// Browsers carry the tokens as httpOnly cookies; API clients use the JSON bodies instead.
import { deleteCookie, getCookie, getHeader, setCookie, type H3Event } from 'h3'
import { ACCESS_TOKEN_TTL_SECONDS } from '../domain/accounts/access-tokens.ts'
import { REFRESH_TOKEN_TTL_MS } from '../domain/accounts/refresh-tokens.ts'
import { config } from '../config/env.ts'

export const ACCESS_COOKIE = 'bookify_access'
export const REFRESH_COOKIE = 'bookify_refresh'

function secure(): boolean {
  // Secure everywhere but plain-http localhost, where browsers would drop a Secure cookie.
  const { protocol, hostname } = new URL(config().appUrl)
  return protocol === 'https:' || !['localhost', '127.0.0.1', '[::1]'].includes(hostname)
}

export function setAuthCookies(event: H3Event, tokens: { accessToken: string, refreshToken: string }): void {
  const base = { httpOnly: true, secure: secure(), sameSite: 'lax' as const, path: '/' }
  setCookie(event, ACCESS_COOKIE, tokens.accessToken, { ...base, maxAge: ACCESS_TOKEN_TTL_SECONDS })
  setCookie(event, REFRESH_COOKIE, tokens.refreshToken, { ...base, maxAge: REFRESH_TOKEN_TTL_MS / 1000 })
}

export function clearAuthCookies(event: H3Event): void {
  deleteCookie(event, ACCESS_COOKIE, { path: '/' })
  deleteCookie(event, REFRESH_COOKIE, { path: '/' })
}

export function refreshTokenFrom(event: H3Event, body: { refreshToken?: string } | undefined): string | undefined {
  return body?.refreshToken ?? getCookie(event, REFRESH_COOKIE)
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

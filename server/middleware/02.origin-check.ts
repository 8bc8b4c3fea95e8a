// Cross-site request forgery guard: a state-changing /api request that carries our cookies must
// come from the app's own origin. Requests authenticated by a Bearer header carry no ambient
// credentials and are exempt; a foreign Origin is refused even without cookies (login CSRF).
import { defineEventHandler, getHeader, getRequestProtocol, parseCookies } from 'h3'
import { DomainError } from '../domain/errors.ts'
import { config } from '../config/env.ts'
import { ACCESS_COOKIE, REFRESH_COOKIE, WIDGET_ACCESS_COOKIE, WIDGET_REFRESH_COOKIE } from '../utils/auth-cookies.ts'
import { bearerToken } from '../utils/current-user.ts'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

function originOf(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    return new URL(value).origin
  } catch {
    return 'invalid'
  }
}

export default defineEventHandler((event) => {
  if (!event.path.startsWith('/api/') || SAFE.has(event.method) || bearerToken(event)) return
  const cookies = parseCookies(event)
  // The widget's cookies are SameSite=None, so every site could make a browser send them: the check matters most for them.
  const hasAuthCookie = Boolean(cookies[ACCESS_COOKIE] || cookies[REFRESH_COOKIE] || cookies[WIDGET_ACCESS_COOKIE] || cookies[WIDGET_REFRESH_COOKIE])
  const origin = originOf(getHeader(event, 'origin')) ?? originOf(getHeader(event, 'referer'))
  if (!origin && !hasAuthCookie) return // a non-browser client without cookies: nothing to forge
  const host = getHeader(event, 'host')
  const allowed = new Set([new URL(config().appUrl).origin])
  if (host) allowed.add(`${getRequestProtocol(event, { xForwardedProto: config().trustProxy })}://${host}`)
  if (!origin || !allowed.has(origin)) {
    throw new DomainError('ORIGIN_MISMATCH', 'This request must come from the Bookify app itself.')
  }
})

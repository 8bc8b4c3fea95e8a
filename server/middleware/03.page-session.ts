// Server-rendered pages call the API with the browser's cookies. When the 15-minute access token
// has lapsed but the refresh cookie is good, rotate here, once, before rendering: the new cookies
// go to the browser and replace the old ones in this request, so the page renders signed in and
// the browser never presents the same refresh token twice (which would count as reuse).
import { defineEventHandler, getCookie, getHeader } from 'h3'
import { verifyCallerToken } from '../utils/current-user.ts'
import { refresh } from '../domain/accounts/sessions.ts'
import { clearAuthCookies, sessionCookieNames, setAuthCookies } from '../utils/auth-cookies.ts'
import { sessionContext } from '../utils/session-context.ts'

export default defineEventHandler(async (event) => {
  if (event.method !== 'GET' || event.path.startsWith('/api/') || event.path.startsWith('/_')) return
  if (!getHeader(event, 'accept')?.includes('text/html')) return
  // The widget's pages (/embed/…) refresh the widget's own session, never the app's.
  const { access: ACCESS_COOKIE, refresh: REFRESH_COOKIE } = sessionCookieNames(event)
  const presented = getCookie(event, REFRESH_COOKIE)
  if (!presented) return
  const access = getCookie(event, ACCESS_COOKIE)
  // A disabled account's token counts as lapsed: the refresh below is refused and the cookies cleared.
  if (access && await verifyCallerToken(access).then(() => true, () => false)) return
  try {
    const tokens = await refresh(sessionContext(event), presented)
    setAuthCookies(event, tokens)
    const others = (getHeader(event, 'cookie') ?? '').split(/;\s*/).filter(c => c && !c.startsWith(`${ACCESS_COOKIE}=`) && !c.startsWith(`${REFRESH_COOKIE}=`))
    event.node.req.headers.cookie = [...others, `${ACCESS_COOKIE}=${tokens.accessToken}`, `${REFRESH_COOKIE}=${tokens.refreshToken}`].join('; ')
  } catch {
    clearAuthCookies(event)
  }
})

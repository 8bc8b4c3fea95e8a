// A local stand-in for Google's OAuth and Calendar endpoints, for tests only. It implements the
// consent redirect, the token endpoint (authorization_code and refresh_token grants), revoke, and
// calendar events insert/patch/delete, and CHECKS what it is sent: client credentials, bearer
// tokens, calendar id and the event's JSON fields. Anything wrong is answered like Google would
// and also listed in `problems`, so a test can assert the conversation was clean.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  authorization?: string
  body: unknown
  /** The status the fake answered with. */
  status?: number
}

interface FakeGoogleOptions {
  clientId: string
  clientSecret: string
  calendarId?: string
}

export interface FakeGoogle {
  url: string
  requests: RecordedRequest[]
  problems: string[]
  /** Events stored per id (deleted ones keep status 'cancelled', like Google). */
  events: Map<string, Record<string, unknown>>
  /** Calendar API calls Google accepted (2xx), as `insert <id>` / `patch <id>` / `delete <id>`. */
  calendarCalls(): string[]
  /** Makes the next `n` calendar calls answer 429 (or 403 rateLimitExceeded). */
  rateLimitNext(n: number, status?: 403 | 429): void
  /** Refresh tokens Google no longer accepts (invalid_grant). */
  revokeRefreshToken(token: string): void
  /** Issues a token pair directly, as if a consent had happened; `expired` makes the access token stale. */
  issueTokens(options?: { expired?: boolean }): { access_token: string, refresh_token: string, expires_in: number }
  /** Makes an access token stale, so the next API call gets 401 and the client must refresh. */
  expireAccessToken(token: string): void
  close(): Promise<void>
}

const token = (prefix: string) => `${prefix}.${randomBytes(12).toString('base64url')}`

function send(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' })
  res.end(body === undefined ? undefined : JSON.stringify(body))
}

function apiError(res: ServerResponse, status: number, reason: string, message: string): void {
  send(res, status, { error: { code: status, message, errors: [{ domain: 'global', reason, message }] } })
}

async function readBody(req: IncomingMessage): Promise<string> {
  let raw = ''
  for await (const chunk of req) raw += chunk
  return raw
}

export async function startFakeGoogle(options: FakeGoogleOptions): Promise<FakeGoogle> {
  const calendarId = options.calendarId ?? 'primary'
  const requests: RecordedRequest[] = []
  const problems: string[] = []
  const events = new Map<string, Record<string, unknown>>()
  const codes = new Map<string, { redirectUri: string }>()
  const validAccess = new Set<string>()
  const refreshTokens = new Set<string>()
  const revoked = new Set<string>()
  let rateLimited = 0
  let rateLimitStatus: 403 | 429 = 429

  const issueTokens = (opts: { expired?: boolean } = {}) => {
    const access = token('ya29.fake')
    const refresh = token('1//fake-refresh')
    if (!opts.expired) validAccess.add(access)
    refreshTokens.add(refresh)
    return { access_token: access, refresh_token: refresh, expires_in: opts.expired ? -60 : 3599 }
  }

  function consent(url: URL, res: ServerResponse): void {
    const q = Object.fromEntries(url.searchParams)
    if (q.client_id !== options.clientId) problems.push(`consent: client_id ${q.client_id}`)
    if (q.response_type !== 'code') problems.push(`consent: response_type ${q.response_type}`)
    if (q.access_type !== 'offline') problems.push(`consent: access_type ${q.access_type}`)
    if (q.prompt !== 'consent') problems.push(`consent: prompt ${q.prompt}`)
    if (!q.scope?.split(' ').includes('https://www.googleapis.com/auth/calendar.events')) problems.push(`consent: scope ${q.scope}`)
    if (!q.state) problems.push('consent: no state')
    const code = token('4/fake-code')
    codes.set(code, { redirectUri: q.redirect_uri ?? '' })
    const back = new URL(q.redirect_uri ?? 'http://invalid/')
    back.searchParams.set('code', code)
    back.searchParams.set('state', q.state ?? '')
    res.writeHead(302, { location: back.toString() }).end()
  }

  function tokenEndpoint(form: URLSearchParams, res: ServerResponse): void {
    if (form.get('client_id') !== options.clientId || form.get('client_secret') !== options.clientSecret) {
      problems.push(`token: client credentials ${form.get('client_id')}`)
      return send(res, 401, { error: 'invalid_client' })
    }
    const grant = form.get('grant_type')
    if (grant === 'authorization_code') {
      const issued = codes.get(form.get('code') ?? '')
      if (!issued) return send(res, 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' })
      codes.delete(form.get('code')!)
      if (issued.redirectUri !== form.get('redirect_uri')) problems.push(`token: redirect_uri ${form.get('redirect_uri')} != ${issued.redirectUri}`)
      return send(res, 200, { ...issueTokens(), scope: 'https://www.googleapis.com/auth/calendar.events', token_type: 'Bearer' })
    }
    if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? ''
      if (!refreshTokens.has(refresh) || revoked.has(refresh)) return send(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' })
      const access = token('ya29.fake-refreshed')
      validAccess.add(access)
      return send(res, 200, { access_token: access, expires_in: 3599, scope: 'https://www.googleapis.com/auth/calendar.events', token_type: 'Bearer' })
    }
    problems.push(`token: grant_type ${grant}`)
    send(res, 400, { error: 'unsupported_grant_type' })
  }

  function checkEventBody(what: string, body: Record<string, unknown>, full: boolean): void {
    const start = body.start as { dateTime?: string, timeZone?: string } | undefined
    const end = body.end as { dateTime?: string, timeZone?: string } | undefined
    const need = (ok: boolean, field: string) => { if (!ok) problems.push(`${what}: ${field} missing or invalid`) }
    if (full || body.summary !== undefined) need(typeof body.summary === 'string' && body.summary.length > 0, 'summary')
    if (full || body.start !== undefined) need(!!start?.dateTime && !Number.isNaN(Date.parse(start.dateTime)) && !!start.timeZone, 'start')
    if (full || body.end !== undefined) need(!!end?.dateTime && !!end.timeZone && Date.parse(end.dateTime) > Date.parse(start?.dateTime ?? ''), 'end')
    if (full) need(typeof body.location === 'string' && typeof body.description === 'string' && /Booking BK-/.test(body.description), 'location/description')
    if (body.id !== undefined) need(typeof body.id === 'string' && /^[a-v0-9]{5,1024}$/.test(body.id), 'id (base32hex)')
  }

  function calendar(req: IncomingMessage, res: ServerResponse, parts: string[], body: Record<string, unknown>): void {
    // /calendar/v3/calendars/:calendarId/events[/:eventId]
    const [, , , cal, , eventId] = parts
    const auth = req.headers.authorization ?? ''
    const bearer = auth.replace(/^Bearer /, '')
    if (!validAccess.has(bearer)) return apiError(res, 401, 'authError', 'Invalid Credentials')
    if (decodeURIComponent(cal ?? '') !== calendarId) problems.push(`calendar: calendar id ${cal}`)
    if (rateLimited > 0) {
      rateLimited--
      return rateLimitStatus === 429 ? apiError(res, 429, 'rateLimitExceeded', 'Rate Limit Exceeded') : apiError(res, 403, 'rateLimitExceeded', 'Rate Limit Exceeded')
    }
    if (req.method === 'POST' && !eventId) {
      checkEventBody('insert', body, true)
      const id = typeof body.id === 'string' ? body.id : randomBytes(10).toString('hex')
      if (events.get(id)?.status === 'confirmed') return apiError(res, 409, 'duplicate', 'The requested identifier already exists.')
      if (events.has(id)) return apiError(res, 409, 'duplicate', 'The requested identifier already exists.')
      const stored = { ...body, id, status: 'confirmed' }
      events.set(id, stored)
      return send(res, 200, stored)
    }
    const existing = events.get(decodeURIComponent(eventId ?? ''))
    if (req.method === 'PATCH') {
      checkEventBody('patch', body, false)
      if (!existing) return apiError(res, 404, 'notFound', 'Not Found')
      Object.assign(existing, body)
      return send(res, 200, existing)
    }
    if (req.method === 'DELETE') {
      if (!existing) return apiError(res, 404, 'notFound', 'Not Found')
      if (existing.status === 'cancelled') return apiError(res, 410, 'deleted', 'Resource has been deleted')
      existing.status = 'cancelled'
      return send(res, 204)
    }
    problems.push(`calendar: unexpected ${req.method} ${req.url}`)
    send(res, 404)
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://fake')
      const raw = await readBody(req)
      const isForm = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')
      const body = isForm ? Object.fromEntries(new URLSearchParams(raw)) : raw ? JSON.parse(raw) : undefined
      const record: RecordedRequest = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), authorization: req.headers.authorization, body }
      requests.push(record)
      res.once('finish', () => { record.status = res.statusCode })
      if (req.method === 'GET' && url.pathname === '/o/oauth2/v2/auth') return consent(url, res)
      if (req.method === 'POST' && url.pathname === '/token') return tokenEndpoint(new URLSearchParams(raw), res)
      if (req.method === 'POST' && url.pathname === '/revoke') {
        const revokedToken = url.searchParams.get('token') ?? new URLSearchParams(raw).get('token') ?? ''
        revoked.add(revokedToken)
        validAccess.delete(revokedToken)
        return send(res, 200, {})
      }
      const parts = url.pathname.split('/').filter(Boolean)
      if (parts[0] === 'calendar' && parts[1] === 'v3' && parts[2] === 'calendars' && parts[4] === 'events') return calendar(req, res, parts, (body ?? {}) as Record<string, unknown>)
      problems.push(`unexpected ${req.method} ${url.pathname}`)
      send(res, 404, { error: 'not found' })
    } catch (err) {
      problems.push(`fake crashed: ${(err as Error).message}`)
      send(res, 500, { error: 'fake crashed' })
    }
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    problems,
    events,
    calendarCalls: () => requests.filter(r => r.path.startsWith('/calendar/') && (r.status ?? 0) < 300).map((r) => {
      const id = r.path.split('/')[6] ?? (r.body as { id?: string } | undefined)?.id ?? '?'
      return `${r.method === 'POST' ? 'insert' : r.method === 'PATCH' ? 'patch' : r.method === 'DELETE' ? 'delete' : r.method} ${decodeURIComponent(id)}`
    }),
    rateLimitNext(n, status = 429) {
      rateLimited = n
      rateLimitStatus = status
    },
    revokeRefreshToken: t => void revoked.add(t),
    issueTokens,
    expireAccessToken: t => void validAccess.delete(t),
    close: () => new Promise(resolve => server.close(() => resolve())),
  }
}

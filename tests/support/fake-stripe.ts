// A local stand-in for the parts of Stripe's REST API Bookify calls, for tests and local trials
// (`npm run fake:stripe`). A real HTTP server that speaks like Stripe: form-encoded request bodies,
// Bearer secret keys, Idempotency-Key (same key and body → the first answer again, marked
// Idempotent-Replayed; same key, other body → 400), Stripe's error shapes, and webhooks signed the
// way Stripe signs them (Stripe-Signature: t=…,v1=HMAC-SHA256(secret, "t.payload")). It serves a
// minimal hosted checkout page with Pay and Cancel buttons, records every request for assertions,
// and lets a test hold webhooks back to deliver them late, twice or out of order.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import qs from 'qs'

type Json = Record<string, any>

export interface FakeStripeOptions {
  secretKey?: string
  webhookSecret?: string
  /** Where webhooks go (Bookify's /api/payments/stripe/webhook); settable later with setWebhookUrl. */
  webhookUrl?: string
  port?: number
  /** `hold`: webhooks are queued in `held` until the test delivers them. */
  webhooks?: 'send' | 'hold'
  /** Status new refunds get (default succeeded). */
  refundStatus?: 'succeeded' | 'pending'
  /** Milliseconds between doing a refund and answering (a slow Stripe, so a test can kill a worker mid-call). */
  refundDelayMs?: number
  log?: (line: string) => void
}

export interface RecordedStripeRequest {
  method: string
  path: string
  idempotencyKey?: string
  body: Json
  status: number
  replayed: boolean
}

export interface StripeEvent {
  id: string
  type: string
  created: number
  data: { object: Json }
  [key: string]: unknown
}

export interface WebhookDelivery {
  eventId: string
  type: string
  status: number
}

export interface FakeStripe {
  url: string
  secretKey: string
  webhookSecret: string
  requests: RecordedStripeRequest[]
  sessions: Map<string, Json>
  refunds: Map<string, Json>
  /** Every event generated, in order. */
  events: StripeEvent[]
  /** Events waiting while webhooks are held. */
  held: StripeEvent[]
  deliveries: WebhookDelivery[]
  setWebhookUrl(url: string): void
  setWebhookMode(mode: 'send' | 'hold'): void
  /** Pays a session as the hosted page's Pay button does; returns the completed session. */
  pay(sessionId: string): Promise<Json>
  /** Delivers one event (again), signed; `signature` overrides the header (to test refusals). */
  deliver(event: StripeEvent, options?: { signature?: string, body?: string }): Promise<number>
  /** A refund made outside Bookify (the Stripe dashboard): creates it and sends its events. */
  refundOutside(paymentIntentId: string, amount: number): Promise<Json>
  /** Moves a pending refund to its final status and sends refund.updated. */
  settleRefund(refundId: string, status: 'succeeded' | 'failed'): Promise<Json>
  /** The next `n` API calls answer 500 (Stripe outage), before touching any state. */
  failNext(n: number): void
  /** Signs a payload as Stripe would, for hand-made deliveries. */
  sign(payload: string, timestamp?: number): string
  close(): Promise<void>
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`
const now = () => Math.floor(Date.now() / 1000)

class StripeApiError extends Error {
  constructor(readonly status: number, readonly type: string, message: string, readonly code?: string, readonly param?: string) {
    super(message)
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), ...headers })
  res.end(JSON.stringify(body))
}

function errorBody(err: StripeApiError): Json {
  return { error: { type: err.type, message: err.message, ...(err.code ? { code: err.code } : {}), ...(err.param ? { param: err.param } : {}) } }
}

async function readBody(req: IncomingMessage): Promise<string> {
  let raw = ''
  for await (const chunk of req) raw += chunk
  return raw
}

const int = (value: unknown, param: string, min = 0): number => {
  const n = Number(value)
  if (value === undefined || value === '' || !Number.isInteger(n) || n < min) throw new StripeApiError(400, 'invalid_request_error', `Invalid integer: ${String(value)}`, 'parameter_invalid_integer', param)
  return n
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100)
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' })[c]!)
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? `sk_test_${randomBytes(12).toString('hex')}`
  const webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(16).toString('hex')}`
  let webhookUrl = options.webhookUrl
  let webhookMode = options.webhooks ?? 'send'
  let failures = 0
  const requests: RecordedStripeRequest[] = []
  const sessions = new Map<string, Json>()
  const intents = new Map<string, Json>()
  const charges = new Map<string, Json>()
  const refunds = new Map<string, Json>()
  const events: StripeEvent[] = []
  const held: StripeEvent[] = []
  const deliveries: WebhookDelivery[] = []
  const idempotent = new Map<string, { hash: string, status: number, body: unknown }>()
  const log = options.log ?? (() => {})
  let base = ''

  const sign = (payload: string, timestamp = now()) =>
    `t=${timestamp},v1=${createHmac('sha256', webhookSecret).update(`${timestamp}.${payload}`).digest('hex')}`

  async function deliver(event: StripeEvent, opts: { signature?: string, body?: string } = {}): Promise<number> {
    if (!webhookUrl) throw new Error('fake Stripe: no webhook URL set')
    const body = opts.body ?? JSON.stringify(event, null, 2)
    let status = 0
    try {
      const res = await fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': opts.signature ?? sign(body), 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' }, body })
      status = res.status
      await res.arrayBuffer()
    } catch (err) {
      log(`webhook ${event.type} failed: ${(err as Error).message}`)
    }
    deliveries.push({ eventId: event.id, type: event.type, status })
    log(`webhook ${event.type} ${event.id} → ${status}`)
    return status
  }

  function emit(type: string, object: Json): StripeEvent {
    const event: StripeEvent = {
      id: id('evt'), object: 'event', api_version: '2026-11-18.endive', created: now(), livemode: false,
      pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object: structuredClone(object) },
    }
    events.push(event)
    if (webhookMode === 'hold' || !webhookUrl) held.push(event)
    else void deliver(event)
    return event
  }

  // ── objects ──
  function createSession(body: Json): Json {
    if (body.mode !== 'payment') throw new StripeApiError(400, 'invalid_request_error', 'Only mode=payment is supported by this fake.', 'parameter_invalid_string', 'mode')
    const items = Object.values((body.line_items ?? {}) as Json) as Json[]
    if (items.length === 0) throw new StripeApiError(400, 'invalid_request_error', 'line_items is required in payment mode.', 'parameter_missing', 'line_items')
    if (!body.success_url) throw new StripeApiError(400, 'invalid_request_error', 'Missing required param: success_url.', 'parameter_missing', 'success_url')
    const lines = items.map((item, i) => {
      const price = item.price_data ?? {}
      if (!/^[a-z]{3}$/.test(price.currency ?? '')) throw new StripeApiError(400, 'invalid_request_error', 'Invalid currency.', 'parameter_invalid_string', `line_items[${i}][price_data][currency]`)
      if (!price.product_data?.name) throw new StripeApiError(400, 'invalid_request_error', 'Missing product name.', 'parameter_missing', `line_items[${i}][price_data][product_data][name]`)
      return { name: String(price.product_data.name), currency: String(price.currency), unit_amount: int(price.unit_amount, `line_items[${i}][price_data][unit_amount]`), quantity: int(item.quantity, `line_items[${i}][quantity]`, 1) }
    })
    const currency = lines[0]!.currency
    if (lines.some(l => l.currency !== currency)) throw new StripeApiError(400, 'invalid_request_error', 'All line items must share one currency.', 'parameter_invalid_string', 'line_items')
    const expiresAt = body.expires_at === undefined ? now() + 24 * 3600 : int(body.expires_at, 'expires_at')
    if (expiresAt < now() + 30 * 60 - 5 || expiresAt > now() + 24 * 3600 + 5) {
      throw new StripeApiError(400, 'invalid_request_error', 'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.', 'parameter_invalid_integer', 'expires_at')
    }
    const sessionId = id('cs_test')
    const session: Json = {
      id: sessionId, object: 'checkout.session', mode: 'payment', livemode: false, created: now(), expires_at: expiresAt,
      status: 'open', payment_status: 'unpaid', currency, amount_total: lines.reduce((s, l) => s + l.unit_amount * l.quantity, 0),
      amount_subtotal: lines.reduce((s, l) => s + l.unit_amount * l.quantity, 0),
      client_reference_id: body.client_reference_id ?? null, customer_email: body.customer_email ?? null, metadata: body.metadata ?? {},
      payment_intent: null, success_url: body.success_url, cancel_url: body.cancel_url ?? null, url: `${base}/c/pay/${sessionId}`,
      payment_intent_data_metadata: body.payment_intent_data?.metadata ?? {}, line_items_fake: lines,
    }
    sessions.set(sessionId, session)
    return session
  }

  function publicSession(s: Json): Json {
    const { payment_intent_data_metadata: _m, line_items_fake: _l, ...rest } = s
    return rest
  }

  function completeSession(s: Json): Json {
    if (s.status !== 'open') throw new StripeApiError(400, 'invalid_request_error', `This Checkout Session is ${s.status}.`, 'checkout_session_not_open')
    const intentId = id('pi')
    const chargeId = id('ch')
    const intent = { id: intentId, object: 'payment_intent', amount: s.amount_total, amount_received: s.amount_total, currency: s.currency, status: 'succeeded', latest_charge: chargeId, metadata: s.payment_intent_data_metadata, created: now() }
    const charge = { id: chargeId, object: 'charge', amount: s.amount_total, amount_captured: s.amount_total, amount_refunded: 0, refunded: false, currency: s.currency, paid: true, status: 'succeeded', payment_intent: intentId, metadata: s.payment_intent_data_metadata, created: now() }
    intents.set(intentId, intent)
    charges.set(chargeId, charge)
    Object.assign(s, { status: 'complete', payment_status: 'paid', payment_intent: intentId, url: null })
    emit('payment_intent.succeeded', intent)
    emit('charge.succeeded', charge)
    emit('checkout.session.completed', publicSession(s))
    return s
  }

  function expireSession(s: Json): Json {
    if (s.status !== 'open') throw new StripeApiError(400, 'invalid_request_error', `Only Checkout Sessions with a status of \`open\` can be expired. This session has a status of \`${s.status}\`.`, 'checkout_session_not_open')
    Object.assign(s, { status: 'expired', url: null })
    emit('checkout.session.expired', publicSession(s))
    return s
  }

  function createRefund(body: Json, status: 'succeeded' | 'pending' = options.refundStatus ?? 'succeeded'): Json {
    const intent = intents.get(String(body.payment_intent ?? ''))
    if (!intent) throw new StripeApiError(404, 'invalid_request_error', `No such payment_intent: '${String(body.payment_intent)}'`, 'resource_missing', 'payment_intent')
    const charge = charges.get(intent.latest_charge)!
    const pending = [...refunds.values()].filter(r => r.charge === charge.id && r.status === 'pending').reduce((s, r) => s + r.amount, 0)
    const left = charge.amount - charge.amount_refunded - pending
    if (left <= 0) throw new StripeApiError(400, 'invalid_request_error', `Charge ${charge.id} has already been refunded.`, 'charge_already_refunded')
    const amount = body.amount === undefined ? left : int(body.amount, 'amount', 1)
    if (amount > left) throw new StripeApiError(400, 'invalid_request_error', `Refund amount (${money(amount, charge.currency)}) is greater than unrefunded amount on charge (${money(left, charge.currency)})`, 'amount_too_large', 'amount')
    const refund = { id: id('re'), object: 'refund', amount, currency: charge.currency, charge: charge.id, payment_intent: intent.id, status, metadata: body.metadata ?? {}, reason: body.reason ?? null, created: now(), failure_reason: null }
    refunds.set(refund.id, refund)
    emit('refund.created', refund)
    if (status === 'succeeded') {
      charge.amount_refunded += amount
      charge.refunded = charge.amount_refunded >= charge.amount
      emit('charge.refunded', charge)
    }
    return refund
  }

  function list(data: Json[], url: string): Json {
    return { object: 'list', data, has_more: false, url }
  }

  // ── the API ──
  async function api(method: string, path: string, query: Json, body: Json): Promise<{ status: number, body: unknown }> {
    let m: RegExpMatchArray | null
    if (method === 'POST' && path === '/v1/checkout/sessions') return { status: 200, body: publicSession(createSession(body)) }
    if (method === 'GET' && path === '/v1/checkout/sessions') {
      const found = [...sessions.values()].filter(s => !query.payment_intent || s.payment_intent === query.payment_intent)
      return { status: 200, body: list(found.slice(0, Number(query.limit ?? 10)).map(publicSession), '/v1/checkout/sessions') }
    }
    if ((m = path.match(/^\/v1\/checkout\/sessions\/([\w]+)(\/expire)?$/))) {
      const s = sessions.get(m[1]!)
      if (!s) throw new StripeApiError(404, 'invalid_request_error', `No such checkout.session: '${m[1]}'`, 'resource_missing', 'id')
      if (method === 'GET' && !m[2]) return { status: 200, body: publicSession(s) }
      if (method === 'POST' && m[2]) return { status: 200, body: publicSession(expireSession(s)) }
    }
    if (method === 'POST' && path === '/v1/refunds') return { status: 200, body: createRefund(body) }
    if (method === 'GET' && path === '/v1/refunds') {
      const found = [...refunds.values()].filter(r => !query.payment_intent || r.payment_intent === query.payment_intent)
      return { status: 200, body: list(found, '/v1/refunds') }
    }
    if ((m = path.match(/^\/v1\/refunds\/([\w]+)$/)) && method === 'GET') {
      const r = refunds.get(m[1]!)
      if (!r) throw new StripeApiError(404, 'invalid_request_error', `No such refund: '${m[1]}'`, 'resource_missing', 'id')
      return { status: 200, body: r }
    }
    throw new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const raw = await readBody(req)
    const body = (qs.parse(raw, { arrayLimit: 200, depth: 10 }) ?? {}) as Json
    const key = req.headers['idempotency-key'] as string | undefined
    const record: RecordedStripeRequest = { method: req.method!, path: url.pathname, idempotencyKey: key, body, status: 0, replayed: false }
    requests.push(record)
    // Stripe takes the secret key as a Bearer token (the package) or as Basic auth's user (curl -u sk_…:).
    const header = req.headers.authorization ?? ''
    const basic = header.match(/^Basic (\S+)$/)?.[1]
    const auth = header.match(/^Bearer (\S+)$/)?.[1] ?? (basic ? Buffer.from(basic, 'base64').toString().split(':')[0] : undefined)
    if (auth !== secretKey) {
      record.status = 401
      send(res, 401, { error: { type: 'invalid_request_error', message: `Invalid API Key provided: ${auth ? `${auth.slice(0, 8)}…` : '(none)'}` } })
      return
    }
    if (failures > 0) {
      failures--
      record.status = 500
      send(res, 500, { error: { type: 'api_error', message: 'An unknown error occurred (fake outage).' } })
      return
    }
    const hash = createHash('sha256').update(`${req.method} ${url.pathname} ${raw}`).digest('hex')
    if (key && req.method === 'POST') {
      const first = idempotent.get(key)
      if (first) {
        if (first.hash !== hash) {
          record.status = 400
          send(res, 400, { error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` } })
          return
        }
        record.status = first.status
        record.replayed = true
        send(res, first.status, first.body, { 'idempotent-replayed': 'true', 'idempotency-key': key })
        return
      }
    }
    let answer: { status: number, body: unknown }
    try {
      answer = await api(req.method!, url.pathname, Object.fromEntries(url.searchParams), body)
    } catch (err) {
      if (!(err instanceof StripeApiError)) throw err
      answer = { status: err.status, body: errorBody(err) }
    }
    // Stripe stores the first answer, errors included (but not 5xx, which it lets you retry).
    if (key && req.method === 'POST' && answer.status < 500) idempotent.set(key, { hash, ...answer })
    if (options.refundDelayMs && url.pathname === '/v1/refunds' && req.method === 'POST') await new Promise(r => setTimeout(r, options.refundDelayMs))
    record.status = answer.status
    send(res, answer.status, answer.body, key ? { 'idempotency-key': key } : {})
  }

  // ── the hosted checkout page ──
  function page(res: ServerResponse, status: number, html: string): void {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Stripe Checkout</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}li{display:flex;justify-content:space-between}button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}</style>
</head><body><p><strong>Fake Stripe</strong> · test mode</p>${html}</body></html>`)
  }

  async function handleCheckoutPage(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const m = url.pathname.match(/^\/c\/pay\/([\w]+)(?:\/(complete|cancel))?$/)
    const s = m ? sessions.get(m[1]!) : undefined
    if (!m || !s) return page(res, 404, '<h1>Checkout not found</h1>')
    if (req.method === 'POST' && m[2]) {
      await readBody(req)
      if (s.status !== 'open') return page(res, 410, '<h1>This checkout is no longer available</h1>')
      let to: string
      if (m[2] === 'complete') {
        completeSession(s)
        to = String(s.success_url).replace('{CHECKOUT_SESSION_ID}', s.id)
      } else {
        to = String(s.cancel_url ?? s.success_url)
      }
      res.writeHead(303, { location: to })
      res.end()
      return
    }
    if (s.status !== 'open') return page(res, 410, `<h1>This checkout is no longer available</h1><p>It is ${escapeHtml(s.status)}.</p>`)
    const lines = (s.line_items_fake as Json[]).map(l => `<li><span>${escapeHtml(l.name)} × ${l.quantity}</span><span>${money(l.unit_amount * l.quantity, s.currency)}</span></li>`).join('')
    page(res, 200, `<h1>Pay ${money(s.amount_total, s.currency)}</h1>
<ul aria-label="Order">${lines}</ul>
<p>${escapeHtml(s.customer_email ?? '')}</p>
<form method="post" action="/c/pay/${s.id}/complete" style="display:inline"><button type="submit">Pay ${money(s.amount_total, s.currency)}</button></form>
<form method="post" action="/c/pay/${s.id}/cancel" style="display:inline"><button type="submit">Cancel</button></form>`)
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-stripe')
    const handler = url.pathname.startsWith('/v1/') ? handleApi : handleCheckoutPage
    handler(req, res, url).catch((err) => {
      log(`fake Stripe error: ${(err as Error).stack}`)
      if (!res.headersSent) send(res, 500, { error: { type: 'api_error', message: (err as Error).message } })
    })
  })
  await new Promise<void>(resolve => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()))
  const address = server.address()
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`

  return {
    url: base,
    secretKey,
    webhookSecret,
    requests,
    sessions,
    refunds,
    events,
    held,
    deliveries,
    setWebhookUrl: (u) => { webhookUrl = u },
    setWebhookMode: (mode) => { webhookMode = mode },
    async pay(sessionId) {
      const s = sessions.get(sessionId)
      if (!s) throw new Error(`fake Stripe: no session ${sessionId}`)
      return publicSession(completeSession(s))
    },
    deliver,
    async refundOutside(paymentIntentId, amount) {
      return createRefund({ payment_intent: paymentIntentId, amount: String(amount) })
    },
    async settleRefund(refundId, status) {
      const r = refunds.get(refundId)
      if (!r) throw new Error(`fake Stripe: no refund ${refundId}`)
      if (r.status === 'pending') {
        r.status = status
        if (status === 'failed') r.failure_reason = 'expired_or_canceled_card'
        emit('refund.updated', r)
        if (status === 'succeeded') {
          const charge = charges.get(r.charge)!
          charge.amount_refunded += r.amount
          charge.refunded = charge.amount_refunded >= charge.amount
          emit('charge.refunded', charge)
        }
      }
      return r
    },
    failNext: (n) => { failures = n },
    sign,
    close: () => new Promise(resolve => server.close(() => resolve())),
  }
}

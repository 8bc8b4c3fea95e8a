// Bookify with card payments for integration tests: a fake Stripe, the built server configured for
// it (webhooks come back to the server), and on demand the relay and the payments worker in the
// test file's own RabbitMQ vhost. Also the domain's gateway and effects in this process, for tests
// that call settle/refund functions directly to line up races exactly.
import { randomBytes } from 'node:crypto'
import { inject } from 'vitest'
import { createStripeClient, stripeGateway } from '../../server/adapters/stripe-gateway.ts'
import type { CardGateway } from '../../server/domain/payments/card-gateway.ts'
import { testAfterCommit, type TestAfterCommit } from './after-commit.ts'
import { startFakeStripe, type FakeStripe, type FakeStripeOptions } from './fake-stripe.ts'
import { testDb } from './fixtures.ts'
import type { RunningServer } from './server.ts'
import { startTestServer } from './test-server.ts'
import { createTestVhost, type TestVhost } from './rabbitmq.ts'
import { startWorker, type RunningWorker } from './workers.ts'
import { testDatabaseUrl } from './lane.ts'

export interface PaymentsWorld {
  stripe: FakeStripe
  server: RunningServer
  gateway: CardGateway
  effects: TestAfterCommit
  env: Record<string, string>
  /** Starts the relay and a payments worker (again, after a kill) in this world's vhost. */
  startWorkers(): Promise<{ relay: RunningWorker, payments: RunningWorker }>
  startPaymentsWorker(): Promise<RunningWorker>
  /** This world's RabbitMQ vhost, once workers were started. */
  amqpUrl(): string
  stop(): Promise<void>
}

export async function startPaymentsWorld(options: FakeStripeOptions = {}): Promise<PaymentsWorld> {
  const stripe = await startFakeStripe({ webhooks: 'hold', ...options })
  const env = {
    DATABASE_URL: testDatabaseUrl(),
    AUTH_SECRET: inject('authSecret'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_BASE: stripe.url,
  }
  const server = await startTestServer(env)
  stripe.setWebhookUrl(`${server.url}/api/payments/stripe/webhook`)
  const gateway = stripeGateway(createStripeClient({ secretKey: stripe.secretKey, apiBase: stripe.url }))
  const effects = testAfterCommit(testDb())
  let vhost: TestVhost | undefined
  const workers: RunningWorker[] = []
  const workerEnv = async () => {
    vhost ??= await createTestVhost()
    return { ...env, AMQP_URL: vhost.url, APP_URL: server.url, BULLMQ_PREFIX: `bookify-test-payments-${Date.now()}` }
  }
  const world: PaymentsWorld = {
    stripe, server, gateway, effects, env,
    amqpUrl: () => vhost!.url,
    async startPaymentsWorker() {
      const worker = await startWorker('payments', await workerEnv(), { readyLog: /payments running/ })
      workers.push(worker)
      return worker
    },
    async startWorkers() {
      const relay = await startWorker('relay', await workerEnv())
      workers.push(relay)
      return { relay, payments: await world.startPaymentsWorker() }
    },
    async stop() {
      for (const w of workers) await w.stop()
      await vhost?.drop()
      await effects.close()
      await server.stop()
      await stripe.close()
    },
  }
  return world
}

export interface Answer<T = any> {
  status: number
  body: T
  headers: Headers
}

/** The JSON API of this world's server. */
export async function call<T = any>(world: PaymentsWorld, method: string, path: string, options: { token?: string, body?: unknown, headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const res = await fetch(`${world.server.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const type = res.headers.get('content-type') ?? ''
  const body = type.includes('json') ? await res.json() : type.includes('pdf') ? Buffer.from(await res.arrayBuffer()) : await res.text()
  return { status: res.status, body: body as T, headers: res.headers }
}

export interface Checkout {
  holdId: string
  bookingId: string
  sessionId: string
  checkoutUrl: string
}

/** Holds the places and starts paying by card; the booking waits in PENDING_PAYMENT. */
export async function startCheckout(world: PaymentsWorld, token: string, eventId: string, placeIds: string[]): Promise<Checkout> {
  const hold = await call(world, 'POST', '/api/holds', { token, body: { eventId, seatIds: placeIds } })
  if (hold.status !== 201) throw new Error(`hold: ${hold.status} ${JSON.stringify(hold.body)}`)
  const booking = await call(world, 'POST', '/api/bookings', { token, body: { holdId: hold.body.id, payment: { method: 'card' } } })
  if (booking.status !== 202) throw new Error(`booking: ${booking.status} ${JSON.stringify(booking.body)}`)
  return { holdId: hold.body.id, bookingId: booking.body.id, sessionId: booking.body.payment.sessionId, checkoutUrl: booking.body.payment.checkoutUrl }
}

/** The buyer coming back from the hosted page: Bookify's return route, as the browser follows it. */
export async function returnFromCheckout(world: PaymentsWorld, sessionId: string): Promise<string> {
  const res = await fetch(`${world.server.url}/api/payments/stripe/return?session_id=${encodeURIComponent(sessionId)}`, { redirect: 'manual' })
  return res.headers.get('location') ?? ''
}

/** Webhooks the fake held back, of one type (and for one session or payment, when given). */
export function heldEvents(world: PaymentsWorld, type: string, objectId?: string) {
  return world.stripe.held.filter(e => e.type === type && (!objectId || e.data.object.id === objectId || e.data.object.payment_intent === objectId))
}

// The CardGateway port (server/domain/payments/card-gateway.ts) on Stripe, through the official
// `stripe` package. STRIPE_API_BASE points the package at another host (the local fake in tests and
// development) through its own `host`/`port`/`protocol` options; unset, it talks to Stripe.
import Stripe from 'stripe'
import {
  GatewayRefusedError, GatewayUnavailableError,
  type CardGateway, type CheckoutSession, type PaymentNotice, type ProviderRefund, type ProviderRefundStatus,
} from '../domain/payments/card-gateway.ts'
import { DomainError } from '../domain/errors.ts'

export interface StripeSettings {
  secretKey: string
  /** e.g. http://127.0.0.1:12111; undefined for Stripe's own API. */
  apiBase?: string
}

/** The package's connection options for an API root other than Stripe's. */
export function stripeConnectionOptions(apiBase: string | undefined): { host?: string, port?: string, protocol?: 'http' | 'https' } {
  if (!apiBase) return {}
  const url = new URL(apiBase)
  const protocol = url.protocol === 'http:' ? 'http' : 'https'
  return { host: url.hostname, port: url.port || (protocol === 'http' ? '80' : '443'), protocol }
}

export function createStripeClient(settings: StripeSettings): Stripe {
  return new Stripe(settings.secretKey, {
    ...stripeConnectionOptions(settings.apiBase),
    // Retried POSTs carry the same idempotency key (ours, or one the package adds), so they act once.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'Bookify' },
  })
}

function sessionOf(s: Stripe.Checkout.Session): CheckoutSession {
  const paymentIntent = typeof s.payment_intent === 'string' ? s.payment_intent : s.payment_intent?.id ?? null
  return {
    id: s.id,
    url: s.url ?? null,
    status: s.status === 'complete' ? 'complete' : s.status === 'expired' ? 'expired' : 'open',
    paid: s.payment_status === 'paid',
    amountTotalCents: s.amount_total ?? 0,
    currency: (s.currency ?? '').toUpperCase(),
    paymentIntentId: paymentIntent,
    bookingId: s.client_reference_id ?? s.metadata?.bookingId ?? null,
  }
}

function refundStatus(status: string | null): ProviderRefundStatus {
  if (status === 'succeeded') return 'succeeded'
  if (status === 'failed' || status === 'canceled') return 'failed'
  return 'pending' // pending, requires_action
}

export function refundOf(r: Stripe.Refund): ProviderRefund {
  const paymentIntent = typeof r.payment_intent === 'string' ? r.payment_intent : r.payment_intent?.id ?? null
  return {
    id: r.id,
    amountCents: r.amount,
    status: refundStatus(r.status),
    paymentIntentId: paymentIntent,
    refundId: r.metadata?.refundId ?? null,
    failureReason: r.failure_reason ?? null,
  }
}

/** Stripe's errors in the port's two kinds: worth retrying later, or refused as asked. */
function translated(err: unknown): Error {
  if (!(err instanceof Stripe.errors.StripeError)) return err instanceof Error ? err : new Error(String(err))
  const retryable = err instanceof Stripe.errors.StripeConnectionError
    || err instanceof Stripe.errors.StripeAPIError
    || err instanceof Stripe.errors.StripeRateLimitError
    || err instanceof Stripe.errors.StripeIdempotencyError // the same key still in flight elsewhere
    || (err.statusCode ?? 0) >= 500
    || err.statusCode === 409
  return retryable ? new GatewayUnavailableError(`Stripe: ${err.message}`) : new GatewayRefusedError(`Stripe: ${err.message}`, err.code)
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (err) {
    throw translated(err)
  }
}

/** Checks a webhook's Stripe-Signature on the raw body; the verified event, or 400 WEBHOOK_SIGNATURE_INVALID. */
export function verifyStripeWebhook(stripe: Stripe, raw: Buffer | string, signature: string | undefined, secret: string): { id: string, type: string, payload: unknown } {
  try {
    const event = stripe.webhooks.constructEvent(raw, signature ?? '', secret)
    return { id: event.id, type: event.type, payload: JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8')) }
  } catch (err) {
    throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'The Stripe-Signature header does not match this body.', { reason: (err as Error).message.slice(0, 200) })
  }
}

export function readStripeEvent(payload: unknown): PaymentNotice {
  const event = payload as { type?: string, data?: { object?: Record<string, unknown> } }
  const object = event.data?.object
  if (!object) return { kind: 'ignored' }
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return { kind: 'checkout-completed', session: sessionOf(object as unknown as Stripe.Checkout.Session) }
    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed':
      return { kind: 'checkout-expired', session: sessionOf(object as unknown as Stripe.Checkout.Session) }
    case 'refund.created':
    case 'refund.updated':
    case 'refund.failed':
      return { kind: 'refund', refund: refundOf(object as unknown as Stripe.Refund) }
    case 'charge.refunded': {
      const pi = (object as unknown as Stripe.Charge).payment_intent
      const id = typeof pi === 'string' ? pi : pi?.id
      return id ? { kind: 'payment-refunded', paymentIntentId: id } : { kind: 'ignored' }
    }
    default:
      return { kind: 'ignored' }
  }
}

export function stripeGateway(stripe: Stripe): CardGateway {
  return {
    readEvent: readStripeEvent,

    createCheckout: req => call(async () => sessionOf(await stripe.checkout.sessions.create({
      mode: 'payment',
      client_reference_id: req.bookingId,
      metadata: { bookingId: req.bookingId, reference: req.reference },
      payment_intent_data: { metadata: { bookingId: req.bookingId, reference: req.reference }, description: `Bookify ${req.reference}` },
      customer_email: req.customerEmail,
      line_items: req.lines.map(line => ({
        quantity: line.quantity,
        price_data: { currency: req.currency.toLowerCase(), unit_amount: line.unitAmountCents, product_data: { name: line.name } },
      })),
      success_url: req.successUrl,
      cancel_url: req.cancelUrl,
      expires_at: Math.floor(req.expiresAt.getTime() / 1000),
    }, { idempotencyKey: `bookify-checkout-${req.bookingId}` }))),

    retrieveCheckout: id => call(async () => sessionOf(await stripe.checkout.sessions.retrieve(id))),

    expireCheckout: id => call(async () => {
      try {
        return sessionOf(await stripe.checkout.sessions.expire(id))
      } catch (err) {
        // Only open sessions can be expired: report the session as it is (paid, or already expired).
        if (err instanceof Stripe.errors.StripeInvalidRequestError) return sessionOf(await stripe.checkout.sessions.retrieve(id))
        throw err
      }
    }),

    checkoutOfPayment: paymentIntentId => call(async () => {
      const list = await stripe.checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 })
      return list.data[0] ? sessionOf(list.data[0]) : null
    }),

    refund: input => call(async () => refundOf(await stripe.refunds.create({
      payment_intent: input.paymentIntentId,
      amount: input.amountCents,
      metadata: { refundId: input.refundId, bookingId: input.bookingId },
    }, { idempotencyKey: `bookify-refund-${input.refundId}` }))),

    refundsOfPayment: paymentIntentId => call(async () => {
      const refunds = await stripe.refunds.list({ payment_intent: paymentIntentId, limit: 100 }).autoPagingToArray({ limit: 1000 })
      return refunds.map(refundOf)
    }),
  }
}

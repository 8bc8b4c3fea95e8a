// What the payment domain needs from a card processor, in Bookify's words. The one implementation
// speaks to Stripe through the official package (server/adapters/stripe-gateway.ts); the domain
// never sees Stripe's objects, so its rules read the same whoever processes the cards.

export interface CheckoutLine {
  name: string
  unitAmountCents: number
  quantity: number
}

export interface CheckoutRequest {
  bookingId: string
  reference: string
  currency: string
  lines: CheckoutLine[]
  customerEmail: string
  successUrl: string
  cancelUrl: string
  /** When the processor should end the session by itself (Stripe: 30 min to 24 h ahead). */
  expiresAt: Date
}

export type CheckoutStatus = 'open' | 'complete' | 'expired'

export interface CheckoutSession {
  id: string
  url: string | null
  status: CheckoutStatus
  /** True once the money is taken (a completed session with a delayed method may still be unpaid). */
  paid: boolean
  amountTotalCents: number
  currency: string
  paymentIntentId: string | null
  /** The booking it pays for (client_reference_id, or metadata.bookingId). */
  bookingId: string | null
}

export type ProviderRefundStatus = 'pending' | 'succeeded' | 'failed'

export interface ProviderRefund {
  id: string
  amountCents: number
  status: ProviderRefundStatus
  paymentIntentId: string | null
  /** Bookify's refund row id when Bookify asked for it (metadata.refundId). */
  refundId: string | null
  failureReason: string | null
}

/** What a processor's webhook event means to Bookify. */
export type PaymentNotice =
  | { kind: 'checkout-completed', session: CheckoutSession }
  | { kind: 'checkout-expired', session: CheckoutSession }
  | { kind: 'refund', refund: ProviderRefund }
  | { kind: 'payment-refunded', paymentIntentId: string }
  | { kind: 'ignored' }

export interface CardGateway {
  /** Reads a stored webhook event (already verified when it was received). */
  readEvent(payload: unknown): PaymentNotice
  /** Creates (or, for a repeated booking id, returns the first) hosted checkout session. */
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>
  retrieveCheckout(sessionId: string): Promise<CheckoutSession>
  /** Ends an open session so it can no longer be paid; the session as it is afterwards. */
  expireCheckout(sessionId: string): Promise<CheckoutSession>
  /** The session that created a payment, for events that name only the payment. */
  checkoutOfPayment(paymentIntentId: string): Promise<CheckoutSession | null>
  /** Refunds part or all of a payment; `refundId` is the idempotency key, so a retry never refunds twice. */
  refund(input: { refundId: string, bookingId: string, paymentIntentId: string, amountCents: number }): Promise<ProviderRefund>
  refundsOfPayment(paymentIntentId: string): Promise<ProviderRefund[]>
}

/** A processor error that retrying later may cure (network, 5xx, rate limit, key in use). */
export class GatewayUnavailableError extends Error {
  override name = 'GatewayUnavailableError'
}

/** The processor refused the request as it stands (e.g. a refund larger than what is left). */
export class GatewayRefusedError extends Error {
  override name = 'GatewayRefusedError'
  constructor(message: string, readonly code: string | undefined) {
    super(message)
  }
}

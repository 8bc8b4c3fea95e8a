// The web process's card payments: one Stripe client when STRIPE_SECRET_KEY is set (pointed at
// STRIPE_API_BASE when that is set), and what the payment domain functions need from a request.
import type Stripe from 'stripe'
import { createStripeClient, stripeGateway } from '../adapters/stripe-gateway.ts'
import { config } from '../config/env.ts'
import type { CardGateway } from '../domain/payments/card-gateway.ts'
import type { PaymentDeps } from '../domain/payments/start-checkout.ts'
import { useLogger } from '../observability/logger.ts'

let stripe: Stripe | null | undefined
let gateway: CardGateway | null | undefined

export function useStripe(): Stripe | null {
  if (stripe === undefined) {
    const { stripeSecretKey, stripeApiBase } = config()
    stripe = stripeSecretKey ? createStripeClient({ secretKey: stripeSecretKey, apiBase: stripeApiBase }) : null
  }
  return stripe
}

export function useCardGateway(): CardGateway | null {
  if (gateway === undefined) {
    const client = useStripe()
    gateway = client ? stripeGateway(client) : null
  }
  return gateway
}

export function usePayments(): PaymentDeps {
  const cfg = config()
  return { gateway: useCardGateway(), appUrl: cfg.appUrl, graceMinutes: cfg.checkoutGraceMinutes, log: useLogger() }
}

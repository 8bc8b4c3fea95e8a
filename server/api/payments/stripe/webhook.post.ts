// Stripe's webhook endpoint: the signature is checked on the raw body (400 and nothing stored when
// it fails), the event is stored once with its outbox message, and the payments worker applies it.
import { readRawBody } from 'h3'
import { config } from '../../../config/env.ts'
import { verifyStripeWebhook } from '../../../adapters/stripe-gateway.ts'
import { DomainError } from '../../../domain/errors.ts'
import { recordWebhook } from '../../../domain/payments/webhooks.ts'

export default defineEventHandler(async (event) => {
  const stripe = useStripe()
  const secret = config().stripeWebhookSecret
  if (!stripe || !secret) throw new DomainError('WEBHOOK_SIGNATURE_INVALID', 'Stripe webhooks are not set up here (STRIPE_WEBHOOK_SECRET).')
  const raw = await readRawBody(event, false)
  const verified = verifyStripeWebhook(stripe, raw ?? Buffer.alloc(0), getHeader(event, 'stripe-signature'), secret)
  const stored = await recordWebhook(useDb(), verified)
  return { received: true, repeat: stored === 'repeat' }
})

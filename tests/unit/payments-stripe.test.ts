import { describe, expect, it } from 'vitest'
import { readStripeEvent, stripeConnectionOptions } from '../../server/adapters/stripe-gateway.ts'
import { bookingPaymentInput, eventPaymentFields } from '../../shared/schemas/payments.ts'
import { createBookingBody } from '../../shared/schemas/bookings.ts'
import { loadConfig } from '../../server/config/env.ts'

describe('STRIPE_API_BASE', () => {
  it('becomes the stripe package host, port and protocol', () => {
    expect(stripeConnectionOptions(undefined)).toEqual({})
    expect(stripeConnectionOptions('http://127.0.0.1:12111')).toEqual({ host: '127.0.0.1', port: '12111', protocol: 'http' })
    expect(stripeConnectionOptions('https://stripe-proxy.internal')).toEqual({ host: 'stripe-proxy.internal', port: '443', protocol: 'https' })
  })

  it('must be an http(s) URL', () => {
    const base = { AUTH_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: 'y'.repeat(32) }
    expect(loadConfig({ ...base, STRIPE_API_BASE: 'http://127.0.0.1:12111/' }).stripeApiBase).toBe('http://127.0.0.1:12111')
    expect(() => loadConfig({ ...base, STRIPE_API_BASE: '127.0.0.1:12111' })).toThrow(/STRIPE_API_BASE/)
    expect(loadConfig(base)).toMatchObject({ stripeSecretKey: undefined, stripeApiBase: undefined, checkoutGraceMinutes: 15 })
    expect(() => loadConfig({ ...base, CHECKOUT_GRACE_MINUTES: '0' })).toThrow(/CHECKOUT_GRACE_MINUTES/)
  })
})

describe('reading Stripe events', () => {
  const session = { id: 'cs_test_1', object: 'checkout.session', status: 'complete', payment_status: 'paid', amount_total: 9000, currency: 'eur', payment_intent: 'pi_1', client_reference_id: '0190a0b0-0000-7000-8000-000000000001', metadata: {}, url: null }
  it('maps the types Bookify acts on and ignores the rest', () => {
    expect(readStripeEvent({ type: 'checkout.session.completed', data: { object: session } })).toEqual({
      kind: 'checkout-completed',
      session: { id: 'cs_test_1', url: null, status: 'complete', paid: true, amountTotalCents: 9000, currency: 'EUR', paymentIntentId: 'pi_1', bookingId: session.client_reference_id },
    })
    expect(readStripeEvent({ type: 'checkout.session.async_payment_succeeded', data: { object: session } }).kind).toBe('checkout-completed')
    expect(readStripeEvent({ type: 'checkout.session.expired', data: { object: { ...session, status: 'expired', payment_status: 'unpaid', client_reference_id: null, metadata: { bookingId: 'b' } } } }))
      .toMatchObject({ kind: 'checkout-expired', session: { paid: false, bookingId: 'b', status: 'expired' } })
    expect(readStripeEvent({ type: 'refund.updated', data: { object: { id: 're_1', amount: 500, status: 'canceled', payment_intent: 'pi_1', metadata: { refundId: 'r' }, failure_reason: null } } }))
      .toEqual({ kind: 'refund', refund: { id: 're_1', amountCents: 500, status: 'failed', paymentIntentId: 'pi_1', refundId: 'r', failureReason: null } })
    expect(readStripeEvent({ type: 'charge.refunded', data: { object: { id: 'ch_1', payment_intent: 'pi_9' } } })).toEqual({ kind: 'payment-refunded', paymentIntentId: 'pi_9' })
    expect(readStripeEvent({ type: 'customer.created', data: { object: { id: 'cus_1' } } })).toEqual({ kind: 'ignored' })
    expect(readStripeEvent({})).toEqual({ kind: 'ignored' })
  })
})

describe('payment request shapes', () => {
  it('accept v1 bookings unchanged and v1.1 card payments', () => {
    const holdId = '0190a0b0-0000-7000-8000-000000000001'
    expect(createBookingBody.parse({ holdId })).toEqual({ holdId })
    expect(createBookingBody.parse({ holdId, payment: { provider: 'pay_at_venue' } }).payment).toEqual({ method: 'venue' })
    expect(createBookingBody.parse({ holdId, payment: { method: 'card' } }).payment).toEqual({ method: 'card' })
    expect(bookingPaymentInput.safeParse({ method: 'cash' }).success).toBe(false)
  })

  it('validate an event\'s payment settings', () => {
    const ok = (field: keyof typeof eventPaymentFields, value: unknown) => eventPaymentFields[field].safeParse(value).success
    expect(ok('paymentMethods', ['card', 'venue'])).toBe(true)
    expect(ok('paymentMethods', [])).toBe(false)
    expect(ok('paymentMethods', ['card', 'card'])).toBe(false)
    expect(ok('refundPolicy', { kind: 'UNTIL_HOURS_BEFORE', hours: 48 })).toBe(true)
    expect(ok('refundPolicy', { kind: 'UNTIL_HOURS_BEFORE' })).toBe(false)
    expect(ok('refundPolicy', { kind: 'NONE' })).toBe(true)
    expect(ok('taxRatePercent', 23)).toBe(true)
    expect(ok('taxRatePercent', 7.25)).toBe(true)
    expect(ok('taxRatePercent', 7.255)).toBe(false)
    expect(ok('taxRatePercent', -1)).toBe(false)
  })
})

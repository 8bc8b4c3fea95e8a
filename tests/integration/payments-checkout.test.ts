// Paying by card against the fake Stripe: the pending booking and its session, the payment settled
// exactly once whichever of webhook and return comes first (or both at once), signatures, repeated
// and out-of-order webhooks, and payments that arrive after the hold ran out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expireHolds } from '../../server/domain/holds/hold-lifecycle.ts'
import { executeRefund } from '../../server/domain/payments/refunds.ts'
import { processWebhook } from '../../server/domain/payments/webhooks.ts'
import { api } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from '../support/fixtures.ts'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createMailer } from '../../server/domain/notifications/mailer.ts'
import { notificationHandlers } from '../../workers/handlers/notifications/notification-handlers.ts'
import { paymentsHandlers } from '../../workers/handlers/payments/payments-handlers.ts'
import { dispatcher, outboxEnvelope, quietLog, runtimeTools } from '../support/message-tools.ts'
import { call, heldEvents, returnFromCheckout, startCheckout, startPaymentsWorld, type PaymentsWorld } from '../support/payments-world.ts'

let world: PaymentsWorld
let organiser: TestUser
let buyers: TestUser[]
let event: TestEvent
let nextSeat = 0
const seat = () => event.sections[0]!.placeIds[nextSeat++]!

beforeAll(async () => {
  world = await startPaymentsWorld()
  ;[organiser, ...buyers] = await createUsers(6) as [TestUser, ...TestUser[]]
  event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 4, seatsPerRow: 10, priceCents: 4500 }])
})
afterAll(() => world?.stop())

const db = () => testDb()
const deps = () => ({ db: db(), effects: world.effects.effects, gateway: world.gateway, log: quietLog })

/** Delivers held webhooks to the server (stored + outbox) and applies them as the worker would. */
async function deliverAndApply(events: { id: string }[]): Promise<void> {
  for (const e of events) {
    const stripeEvent = world.stripe.events.find(x => x.id === e.id)!
    expect(await world.stripe.deliver(stripeEvent)).toBe(200)
    await processWebhook(deps(), e.id)
  }
}

async function bookingRow(id: string) {
  return db().booking.findUniqueOrThrow({ where: { id }, include: { tickets: true, refunds: true, invoices: true } })
}

describe('starting a card payment', () => {
  it('answers 202 with the pending booking and its Stripe session; a retry gets the same session', async () => {
    const placeIds = [seat(), seat()]
    const hold = await call(world, 'POST', '/api/holds', { token: buyers[0]!.token, body: { eventId: event.id, seatIds: placeIds } })
    const heldUntil = new Date(hold.body.expiresAt)
    const first = await call(world, 'POST', '/api/bookings', { token: buyers[0]!.token, body: { holdId: hold.body.id, payment: { method: 'card' } } })
    expect(first.status).toBe(202)
    expect(first.body).toMatchObject({ status: 'PENDING_PAYMENT', payment: { provider: 'stripe', status: 'PENDING', sessionId: expect.stringMatching(/^cs_test_/), checkoutUrl: `${world.stripe.url}/c/pay/${first.body.payment.sessionId}`, amountCents: 9000 } })
    expect(first.body.tickets).toEqual([])

    const sent = world.stripe.requests.filter(r => r.path === '/v1/checkout/sessions' && r.method === 'POST')
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ idempotencyKey: `bookify-checkout-${first.body.id}`, status: 200 })
    expect(sent[0]!.body).toMatchObject({
      mode: 'payment', client_reference_id: first.body.id, metadata: { bookingId: first.body.id },
      line_items: [{ quantity: '2', price_data: { currency: 'eur', unit_amount: '4500' } }],
      cancel_url: `${world.server.url}/bookings/${first.body.id}?checkout=cancelled`,
      success_url: `${world.server.url}/api/payments/stripe/return?session_id={CHECKOUT_SESSION_ID}`,
    })
    // The hold keeps the places past its own expiry while the buyer pays (grace period, 15 min).
    const held = await db().hold.findUniqueOrThrow({ where: { id: hold.body.id } })
    expect(held.expiresAt.getTime() - heldUntil.getTime()).toBe(15 * 60_000)
    const places = await db().place.findMany({ where: { id: { in: placeIds } } })
    for (const p of places) expect(p).toMatchObject({ holdId: hold.body.id, heldUntil: held.expiresAt, bookingId: null })

    const again = await call(world, 'POST', '/api/bookings', { token: buyers[0]!.token, body: { holdId: hold.body.id, payment: { method: 'card' } } })
    expect(again.status).toBe(202)
    expect(again.body.id).toBe(first.body.id)
    expect(again.body.payment.sessionId).toBe(first.body.payment.sessionId)
    expect(world.stripe.sessions.size).toBe(1)
    // Switching to pay at the venue while the checkout is open is refused, not half-done.
    const venue = await call(world, 'POST', '/api/bookings', { token: buyers[0]!.token, body: { holdId: hold.body.id } })
    expect(venue.status).toBe(409)
    expect(venue.body.details.reason).toBe('CHECKOUT_OPEN')
  })

  it('confirms a free hold at once (201) and refuses card payments where none are set up (402)', async () => {
    const free = await createPublishedEvent(organiser.id, [{ name: 'Free', kind: 'GA', capacity: 5, priceCents: 0 }])
    const hold = await call(world, 'POST', '/api/holds', { token: buyers[1]!.token, body: { eventId: free.id, ga: [{ sectionId: free.sections[0]!.id, quantity: 1 }] } })
    const booked = await call(world, 'POST', '/api/bookings', { token: buyers[1]!.token, body: { holdId: hold.body.id, payment: { method: 'card' } } })
    expect(booked.status).toBe(201)
    expect(booked.body).toMatchObject({ status: 'CONFIRMED', payment: { status: 'NOT_REQUIRED' } })

    // The shared test server runs without Stripe keys.
    const paid = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 5, priceCents: 1000 }])
    const hold2 = await api('POST', '/api/holds', { token: buyers[1]!.token, body: { eventId: paid.id, ga: [{ sectionId: paid.sections[0]!.id, quantity: 1 }] } })
    const refused = await api('POST', '/api/bookings', { token: buyers[1]!.token, body: { holdId: hold2.body.id, payment: { method: 'card' } } })
    expect(refused.status).toBe(402)
    expect(refused.body.code).toBe('PAYMENT_REQUIRED')
    expect((await api('GET', '/api/payments/methods')).body).toEqual({ card: false, venue: true })
    expect((await call(world, 'GET', '/api/payments/methods')).body).toEqual({ card: true, venue: true })
  })
})

describe('settling a payment', () => {
  it('confirms once when the webhook and the return arrive together', async () => {
    const placeIds = [seat(), seat(), seat()]
    const checkout = await startCheckout(world, buyers[2]!.token, event.id, placeIds)
    await world.stripe.pay(checkout.sessionId)
    const [completed] = heldEvents(world, 'checkout.session.completed', checkout.sessionId)
    // The webhook arrives (twice: Stripe retries), is stored once, and is applied twice at the same
    // moment as two returns from the browser (a double-click on the success page).
    const delivered = await Promise.all([world.stripe.deliver(completed!), world.stripe.deliver(completed!)])
    expect(delivered).toEqual([200, 200])
    const results = await Promise.all([
      processWebhook(deps(), completed!.id),
      processWebhook(deps(), completed!.id),
      returnFromCheckout(world, checkout.sessionId),
      returnFromCheckout(world, checkout.sessionId),
    ])
    for (const outcome of results.slice(0, 2)) expect(['confirmed', 'already-settled']).toContain(outcome)
    expect(results.slice(2)).toEqual([`/bookings/${checkout.bookingId}?checkout=paid`, `/bookings/${checkout.bookingId}?checkout=paid`])

    const booking = await bookingRow(checkout.bookingId)
    expect(booking).toMatchObject({ status: 'CONFIRMED', paymentStatus: 'PAID', paidCents: 13500, paymentRef: expect.stringMatching(/^pi_/) })
    expect(booking.tickets).toHaveLength(3)
    expect(new Set(booking.tickets.map(t => t.placeId))).toEqual(new Set(placeIds))
    expect(booking.invoices.filter(i => i.kind === 'INVOICE')).toHaveLength(1)
    expect(await db().outboxMessage.count({ where: { routingKey: 'booking.confirmed', aggregateId: checkout.bookingId } })).toBe(1)
    expect(await db().paymentEvent.count({ where: { id: completed!.id } })).toBe(1)
    expect(await db().outboxMessage.count({ where: { routingKey: 'payment.webhook_received', payload: { path: ['paymentEventId'], equals: completed!.id } } })).toBe(1)
    const places = await db().place.findMany({ where: { id: { in: placeIds } } })
    for (const p of places) expect(p).toMatchObject({ bookingId: checkout.bookingId, holdId: null })

    const shown = await call(world, 'GET', `/api/bookings/${checkout.bookingId}`, { token: buyers[2]!.token })
    expect(shown.body.payment).toMatchObject({ status: 'PAID', amountCents: 13500, refundedCents: 0, checkoutUrl: null, invoiceNumber: expect.stringMatching(/^INV-\d{6}$/) })
    expect(shown.body.tickets.every((t: { valid: boolean }) => t.valid)).toBe(true)
  })

  it('refuses a webhook without a valid signature (400) and changes nothing', async () => {
    const checkout = await startCheckout(world, buyers[3]!.token, event.id, [seat()])
    await world.stripe.pay(checkout.sessionId)
    const [completed] = heldEvents(world, 'checkout.session.completed', checkout.sessionId)
    const before = { events: await db().paymentEvent.count(), outbox: await db().outboxMessage.count() }
    const body = JSON.stringify(completed)
    const forged = `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`
    const tampered = body.replace('"paid"', '"paid" ')
    expect(await world.stripe.deliver(completed!, { signature: forged, body })).toBe(400)
    expect(await world.stripe.deliver(completed!, { signature: world.stripe.sign(body), body: tampered })).toBe(400)
    expect(await world.stripe.deliver(completed!, { signature: world.stripe.sign(body, Math.floor(Date.now() / 1000) - 3600), body })).toBe(400)
    const missing = await fetch(`${world.server.url}/api/payments/stripe/webhook`, { method: 'POST', body, headers: { 'content-type': 'application/json' } })
    expect(missing.status).toBe(400)
    expect((await missing.json()).code).toBe('WEBHOOK_SIGNATURE_INVALID')
    expect({ events: await db().paymentEvent.count(), outbox: await db().outboxMessage.count() }).toEqual(before)
    expect((await bookingRow(checkout.bookingId)).status).toBe('PENDING_PAYMENT')
  })

  it('takes repeated and out-of-order webhooks in its stride; unknown types are acknowledged', async () => {
    const checkout = await startCheckout(world, buyers[4]!.token, event.id, [seat(), seat()])
    const session = await world.stripe.pay(checkout.sessionId)
    // The organiser refunds 20.00 in Stripe's dashboard before Bookify heard of the payment at all.
    const outside = await world.stripe.refundOutside(session.payment_intent, 2000)
    const refundEvents = heldEvents(world, 'charge.refunded', session.payment_intent).concat(heldEvents(world, 'refund.created', session.payment_intent))
    expect(refundEvents.map(e => e.type).sort()).toEqual(['charge.refunded', 'refund.created'])
    const unknown = heldEvents(world, 'payment_intent.succeeded', session.payment_intent)
    await deliverAndApply([...refundEvents, ...unknown])

    let booking = await bookingRow(checkout.bookingId)
    expect(booking).toMatchObject({ status: 'CONFIRMED', paidCents: 9000, refundedCents: 2000, paymentStatus: 'PARTIALLY_REFUNDED' })
    expect(booking.refunds).toMatchObject([{ reason: 'PROVIDER', amountCents: 2000, status: 'SUCCEEDED', providerRefundId: outside.id }])
    expect(booking.tickets).toHaveLength(2)

    // Now the late checkout.session.completed, delivered twice: nothing more happens.
    const [completed] = heldEvents(world, 'checkout.session.completed', checkout.sessionId)
    await deliverAndApply([completed!])
    expect(await world.stripe.deliver(completed!)).toBe(200)
    expect(await processWebhook(deps(), completed!.id)).toBe('already-settled')
    booking = await bookingRow(checkout.bookingId)
    expect(booking).toMatchObject({ status: 'CONFIRMED', paidCents: 9000, refundedCents: 2000, paymentStatus: 'PARTIALLY_REFUNDED' })
    expect(booking.refunds).toHaveLength(1)
    expect(booking.tickets).toHaveLength(2)
    expect(await db().outboxMessage.count({ where: { routingKey: 'booking.confirmed', aggregateId: checkout.bookingId } })).toBe(1)
    // The credit note follows the invoice even though the refund was learnt first.
    expect(booking.invoices.map(i => i.kind).sort()).toEqual(['CREDIT_NOTE', 'INVOICE'])
  })

  it('ends the booking and frees the places when Stripe expires the session', async () => {
    const placeIds = [seat()]
    const checkout = await startCheckout(world, buyers[0]!.token, event.id, placeIds)
    await world.gateway.expireCheckout(checkout.sessionId)
    await deliverAndApply(heldEvents(world, 'checkout.session.expired', checkout.sessionId))
    const booking = await bookingRow(checkout.bookingId)
    expect(booking).toMatchObject({ status: 'EXPIRED', paymentStatus: 'CANCELLED', cancelReason: 'CHECKOUT_EXPIRED' })
    expect(await db().place.findUniqueOrThrow({ where: { id: placeIds[0] } })).toMatchObject({ holdId: null, bookingId: null })
    expect((await db().hold.findUniqueOrThrow({ where: { id: checkout.holdId } })).status).toBe('RELEASED')
  })
})

describe('a payment that arrives after the hold ran out', () => {
  async function lapse(holdId: string): Promise<void> {
    const past = new Date(Date.now() - 1000)
    await db().$executeRaw`UPDATE holds SET expires_at = ${past} WHERE id = ${holdId}::uuid`
    await db().$executeRaw`UPDATE places SET held_until = ${past} WHERE hold_id = ${holdId}::uuid`
    await expireHolds(db(), world.effects.effects, { holdId })
  }

  it('ends the checkout at Stripe when the hold runs out, so it can no longer be paid', async () => {
    const placeIds = [seat()]
    const checkout = await startCheckout(world, buyers[4]!.token, event.id, placeIds)
    await lapse(checkout.holdId)
    // hold.expired reaches the payments worker, which expires the session through Stripe's API.
    const envelope = await outboxEnvelope(db(), 'hold.expired', checkout.holdId)
    await dispatcher(paymentsHandlers({ gateway: world.gateway, effects: world.effects.effects }))(envelope, runtimeTools(db(), 'payments', envelope))
    expect(world.stripe.requests.filter(r => r.path === `/v1/checkout/sessions/${checkout.sessionId}/expire`)).toHaveLength(1)
    expect(world.stripe.sessions.get(checkout.sessionId)!.status).toBe('expired')
    expect(await bookingRow(checkout.bookingId)).toMatchObject({ status: 'EXPIRED', paymentStatus: 'CANCELLED', cancelReason: 'CHECKOUT_EXPIRED' })
    const page = await fetch(checkout.checkoutUrl)
    expect(page.status).toBe(410)
  })

  it('is confirmed when its places are still free', async () => {
    const placeIds = [seat(), seat()]
    const checkout = await startCheckout(world, buyers[1]!.token, event.id, placeIds)
    await lapse(checkout.holdId)
    expect((await db().place.findMany({ where: { id: { in: placeIds }, holdId: null } })).length).toBe(2)
    await world.stripe.pay(checkout.sessionId)
    expect(await returnFromCheckout(world, checkout.sessionId)).toBe(`/bookings/${checkout.bookingId}?checkout=paid`)
    const booking = await bookingRow(checkout.bookingId)
    expect(booking).toMatchObject({ status: 'CONFIRMED', paymentStatus: 'PAID' })
    expect(booking.tickets.map(t => t.placeId).sort()).toEqual([...placeIds].sort())
    expect(booking.refunds).toEqual([])
  })

  it('is refunded in full, and the buyer told why, when the places were sold meanwhile', async () => {
    const placeIds = [seat(), seat()]
    const checkout = await startCheckout(world, buyers[2]!.token, event.id, placeIds)
    await lapse(checkout.holdId)
    // Someone else buys one of the two places, at the venue.
    const other = await call(world, 'POST', '/api/holds', { token: buyers[3]!.token, body: { eventId: event.id, seatIds: [placeIds[1]] } })
    expect(other.status).toBe(201)
    expect((await call(world, 'POST', '/api/bookings', { token: buyers[3]!.token, body: { holdId: other.body.id } })).status).toBe(201)

    const session = await world.stripe.pay(checkout.sessionId)
    expect(await returnFromCheckout(world, checkout.sessionId)).toBe(`/bookings/${checkout.bookingId}?checkout=refunding`)
    let booking = await bookingRow(checkout.bookingId)
    expect(booking).toMatchObject({ status: 'CANCELLED', cancelReason: 'PLACES_LOST', paidCents: 9000, paymentStatus: 'REFUND_PENDING' })
    expect(booking.tickets).toEqual([])
    expect(booking.refunds).toMatchObject([{ reason: 'PLACES_LOST', amountCents: 9000, status: 'PENDING' }])
    // The place the other buyer did not take stayed free: nobody holds places for a refunded payment.
    expect(await db().place.findUniqueOrThrow({ where: { id: placeIds[0] } })).toMatchObject({ bookingId: null })

    // The refund goes to Stripe (here as the worker sends it; twice, as a redelivery would).
    await executeRefund(db(), world.gateway, booking.refunds[0]!.id)
    await executeRefund(db(), world.gateway, booking.refunds[0]!.id)
    const stripeRefunds = [...world.stripe.refunds.values()].filter(r => r.payment_intent === session.payment_intent)
    expect(stripeRefunds).toMatchObject([{ amount: 9000, status: 'succeeded', metadata: { refundId: booking.refunds[0]!.id } }])
    booking = await bookingRow(checkout.bookingId)
    expect(booking).toMatchObject({ paymentStatus: 'REFUNDED', refundedCents: 9000 })
    const told = await db().outboxMessage.findFirstOrThrow({ where: { routingKey: 'refund.completed', aggregateId: checkout.bookingId } })
    expect(told.payload).toMatchObject({ refundId: booking.refunds[0]!.id, status: 'SUCCEEDED' })
    // The notifications worker tells the buyer what happened, in the app and by e-mail.
    const mailDir = mkdtempSync(join(tmpdir(), 'bookify-refund-mail-'))
    const handle = dispatcher(notificationHandlers({ mailer: createMailer({ smtpUrl: undefined, mailDir, from: 'Bookify <no-reply@bookify.test>' }), appUrl: world.server.url }))
    const envelope = await outboxEnvelope(db(), 'refund.completed', checkout.bookingId)
    await handle(envelope, runtimeTools(db(), 'notifications', envelope))
    const notice = await db().notification.findFirstOrThrow({ where: { userId: buyers[2]!.id, kind: 'payment.refunded' } })
    expect(notice.body).toContain('after your hold had run out and the places were sold to someone else')
    expect(notice.title).toContain('€90.00')
    const [eml] = readdirSync(mailDir)
    expect(readFileSync(join(mailDir, eml!), 'utf8')).toContain('Your money is on its way back')
    const shown = await call(world, 'GET', `/api/bookings/${checkout.bookingId}`, { token: buyers[2]!.token })
    expect(shown.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'PLACES_LOST', payment: { status: 'REFUNDED', refundedCents: 9000 } })
  })
})

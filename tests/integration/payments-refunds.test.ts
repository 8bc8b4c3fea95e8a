// Refunds against the fake Stripe: a buyer's cancellation inside and outside the event's refund
// policy, an organiser's cancellation and partial refunds, and refunds Stripe refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from '../support/fixtures.ts'
import { call, returnFromCheckout, startCheckout, startPaymentsWorld, type PaymentsWorld } from '../support/payments-world.ts'

let world: PaymentsWorld
let organiser: TestUser
let buyer: TestUser
let stranger: TestUser

beforeAll(async () => {
  world = await startPaymentsWorld()
  ;[organiser, buyer, stranger] = await createUsers(3) as [TestUser, TestUser, TestUser]
})
afterAll(() => world?.stop())

const db = () => testDb()

async function paidEvent(policy: { refundPolicy: 'NONE' | 'UNTIL_HOURS_BEFORE', refundHours: number | null }, startsInDays = 30): Promise<TestEvent> {
  const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 10, priceCents: 3000 }], { startsInDays })
  await db().event.update({ where: { id: event.id }, data: { ...policy, taxRateBp: 2000 } })
  return event
}

/** A booking paid by card for two seats (60.00), confirmed through the return URL. */
async function paidBooking(event: TestEvent, seats: [number, number] = [0, 1]): Promise<{ bookingId: string, paymentIntent: string }> {
  const checkout = await startCheckout(world, buyer.token, event.id, seats.map(i => event.sections[0]!.placeIds[i]!))
  const session = await world.stripe.pay(checkout.sessionId)
  await returnFromCheckout(world, checkout.sessionId)
  expect((await db().booking.findUniqueOrThrow({ where: { id: checkout.bookingId } })).status).toBe('CONFIRMED')
  return { bookingId: checkout.bookingId, paymentIntent: session.payment_intent }
}

const stripeRefundsOf = (paymentIntent: string) => [...world.stripe.refunds.values()].filter(r => r.payment_intent === paymentIntent)
const cancel = (token: string, bookingId: string) => call(world, 'POST', `/api/bookings/${bookingId}/cancel`, { token })

describe('a buyer cancels a card-paid booking', () => {
  it('inside the refund policy: cancelled, places freed, refunded in full once, with a credit note', async () => {
    const event = await paidEvent({ refundPolicy: 'UNTIL_HOURS_BEFORE', refundHours: 48 })
    const { bookingId, paymentIntent } = await paidBooking(event)
    const first = await cancel(buyer.token, bookingId)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'USER', payment: { status: 'REFUNDED', amountCents: 6000, refundedCents: 6000, refunds: [{ reason: 'BOOKING_CANCELLED', status: 'SUCCEEDED', amount: { amountCents: 6000 } }] } })
    const again = await cancel(buyer.token, bookingId)
    expect(again.status).toBe(200)
    expect(stripeRefundsOf(paymentIntent)).toMatchObject([{ amount: 6000, status: 'succeeded' }])
    const sent = world.stripe.requests.filter(r => r.path === '/v1/refunds' && r.body.payment_intent === paymentIntent)
    expect(sent).toHaveLength(1)
    expect(sent[0]!.idempotencyKey).toBe(`bookify-refund-${first.body.payment.refunds[0].id}`)
    const places = await db().place.findMany({ where: { id: { in: event.sections[0]!.placeIds.slice(0, 2) } } })
    for (const p of places) expect(p.bookingId).toBeNull()
    const credit = await db().invoice.findFirstOrThrow({ where: { bookingId, kind: 'CREDIT_NOTE' } })
    expect(credit).toMatchObject({ totalCents: 6000, taxCents: 1000, taxRateBp: 2000 })
  })

  it('outside the refund policy: 409 REFUND_NOT_ALLOWED and nothing changes', async () => {
    const event = await paidEvent({ refundPolicy: 'UNTIL_HOURS_BEFORE', refundHours: 24 }, 0.5) // starts in 12 h
    const { bookingId, paymentIntent } = await paidBooking(event)
    const refused = await cancel(buyer.token, bookingId)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'REFUND_NOT_ALLOWED', details: { refundPolicy: { kind: 'UNTIL_HOURS_BEFORE', hours: 24 }, refundableUntil: expect.any(String) } })
    const booking = await db().booking.findUniqueOrThrow({ where: { id: bookingId }, include: { refunds: true, tickets: true } })
    expect(booking).toMatchObject({ status: 'CONFIRMED', paymentStatus: 'PAID', refundedCents: 0 })
    expect(booking.refunds).toEqual([])
    expect(booking.tickets.every(t => t.voidedAt === null)).toBe(true)
    expect(stripeRefundsOf(paymentIntent)).toEqual([])
  })

  it('with a no-refunds policy only the organiser can cancel, and then the buyer is refunded', async () => {
    const event = await paidEvent({ refundPolicy: 'NONE', refundHours: null })
    const { bookingId, paymentIntent } = await paidBooking(event)
    const shown = await call(world, 'GET', `/api/bookings/${bookingId}`, { token: buyer.token })
    expect(shown.body.refundableUntil).toBeNull()
    expect((await cancel(buyer.token, bookingId)).body.code).toBe('REFUND_NOT_ALLOWED')
    expect((await cancel(stranger.token, bookingId)).status).toBe(404)
    const byOrganiser = await cancel(organiser.token, bookingId)
    expect(byOrganiser.status).toBe(200)
    expect(byOrganiser.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'ORGANISER', payment: { status: 'REFUNDED', refundedCents: 6000 } })
    expect(stripeRefundsOf(paymentIntent)).toHaveLength(1)
    const message = await db().outboxMessage.findFirstOrThrow({ where: { routingKey: 'booking.cancelled', aggregateId: bookingId } })
    expect(message.payload).toMatchObject({ reason: 'ORGANISER' })
  })

  it('a booking still waiting for its payment is cancelled by ending its checkout', async () => {
    const event = await paidEvent({ refundPolicy: 'NONE', refundHours: null })
    const checkout = await startCheckout(world, buyer.token, event.id, [event.sections[0]!.placeIds[5]!])
    const res = await cancel(buyer.token, checkout.bookingId)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'CANCELLED', cancelReason: 'USER', payment: { status: 'CANCELLED' } })
    expect(world.stripe.sessions.get(checkout.sessionId)!.status).toBe('expired')
    expect((await db().place.findUniqueOrThrow({ where: { id: event.sections[0]!.placeIds[5] } })).holdId).toBeNull()
  })
})

describe('an organiser refunds part of a booking', () => {
  it('refunds what is asked, never more than what is left; others get 404', async () => {
    const event = await paidEvent({ refundPolicy: 'UNTIL_HOURS_BEFORE', refundHours: 24 })
    const { bookingId, paymentIntent } = await paidBooking(event)
    const refund = (token: string, amountCents: number, reason?: string) => call(world, 'POST', `/api/bookings/${bookingId}/refunds`, { token, body: { amountCents, reason } })

    expect((await refund(buyer.token, 1000)).status).toBe(404)
    expect((await refund(stranger.token, 1000)).status).toBe(404)
    expect((await refund(organiser.token, 0)).status).toBe(400)
    const part = await refund(organiser.token, 1500, 'Obstructed view')
    expect(part.status).toBe(201)
    expect(part.body).toMatchObject({ amount: { amountCents: 1500, currency: 'EUR' }, reason: 'ORGANISER', note: 'Obstructed view', status: 'SUCCEEDED' })
    const tooMuch = await refund(organiser.token, 4501)
    expect(tooMuch.status).toBe(409)
    expect(tooMuch.body).toMatchObject({ code: 'REFUND_NOT_ALLOWED', details: { refundableCents: 4500 } })

    const booking = await call(world, 'GET', `/api/bookings/${bookingId}`, { token: buyer.token })
    expect(booking.body).toMatchObject({ status: 'CONFIRMED', payment: { status: 'PARTIALLY_REFUNDED', amountCents: 6000, refundedCents: 1500 } })
    expect(booking.body.tickets.every((t: { valid: boolean }) => t.valid)).toBe(true)
    expect(stripeRefundsOf(paymentIntent).map(r => r.amount)).toEqual([1500])
    // The organiser's dashboard counts the 60.00 taken less the 15.00 given back, in every breakdown.
    const dash = (await call(world, 'GET', `/api/events/${event.id}/dashboard`, { token: organiser.token })).body
    expect(dash).toMatchObject({ refundedCents: 1500, checkIn: { sold: 2 } })
    expect(dash.sections).toEqual([expect.objectContaining({ name: 'Stalls', sold: 2, revenueCents: 4500, dueCents: 0 })])
    expect(dash.sales.points).toEqual([expect.objectContaining({ tickets: 2, revenueCents: 4500 })])
    expect(dash.ticketTypes).toEqual([expect.objectContaining({ name: 'Standard', sold: 2, revenueCents: 4500 })])

    const rest = await refund(organiser.token, 4500)
    expect(rest.status).toBe(201)
    expect((await refund(organiser.token, 1)).body.details.refundableCents).toBe(0)
    const overview = await call(world, 'GET', `/api/events/${event.id}/payments`, { token: organiser.token })
    expect(overview.body).toMatchObject({ paidCents: 6000, refundedCents: 6000, netCents: 0, refunds: { succeeded: 2, pending: 0, failed: 0 } })
    expect((await call(world, 'GET', `/api/events/${event.id}/payments`, { token: buyer.token })).status).toBe(404)
    // Net revenue drops by what went back on a booking that still stands.
    const mine = await call(world, 'GET', '/api/organiser/events?pageSize=100', { token: organiser.token })
    const row = mine.body.items.find((e: { id: string }) => e.id === event.id)
    expect(row).toMatchObject({ revenue: { amountCents: 0 }, refunded: { amountCents: 6000 } })
  })

  it('a refund Stripe refuses is recorded as failed and the money counts as not refunded', async () => {
    const event = await paidEvent({ refundPolicy: 'UNTIL_HOURS_BEFORE', refundHours: 24 })
    const { bookingId, paymentIntent } = await paidBooking(event)
    // The organiser already gave 50.00 back in Stripe's dashboard; Bookify has not heard yet.
    await world.stripe.refundOutside(paymentIntent, 5000)
    const res = await call(world, 'POST', `/api/bookings/${bookingId}/refunds`, { token: organiser.token, body: { amountCents: 2000 } })
    expect(res.status).toBe(201)
    expect(res.body.status).toBe('FAILED')
    const booking = await db().booking.findUniqueOrThrow({ where: { id: bookingId }, include: { refunds: true } })
    expect(booking.refunds.find(r => r.reason === 'ORGANISER')).toMatchObject({ status: 'FAILED', failureReason: expect.stringContaining('greater than unrefunded amount') })
    expect(booking).toMatchObject({ refundedCents: 0, paymentStatus: 'PAID' })
  })
})

describe('changing seats of a card-paid booking', () => {
  it('moves to seats at the same price, and refuses seats at another price', async () => {
    const event = await createPublishedEvent(organiser.id, [
      { name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 4, priceCents: 3000 },
      { name: 'Box', kind: 'SEATED', rows: 1, seatsPerRow: 2, priceCents: 9000 },
    ])
    const [stalls, box] = [event.sections[0]!.placeIds, event.sections[1]!.placeIds]
    const checkout = await startCheckout(world, buyer.token, event.id, [stalls[0]!])
    await world.stripe.pay(checkout.sessionId)
    await returnFromCheckout(world, checkout.sessionId)
    const dearer = await call(world, 'PATCH', `/api/bookings/${checkout.bookingId}`, { token: buyer.token, body: { seatIds: [box[0]] } })
    expect(dearer.status).toBe(409)
    expect(dearer.body.details.reason).toBe('PRICE_DIFFERS')
    expect((await db().place.findUniqueOrThrow({ where: { id: box[0] } })).bookingId).toBeNull()
    const same = await call(world, 'PATCH', `/api/bookings/${checkout.bookingId}`, { token: buyer.token, body: { seatIds: [stalls[3]] } })
    expect(same.status).toBe(200)
    expect(same.body).toMatchObject({ total: { amountCents: 3000 }, payment: { status: 'PAID', amountCents: 3000 } })
  })
})


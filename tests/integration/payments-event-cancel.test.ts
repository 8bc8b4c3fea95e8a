// An organiser cancels an event with 50 card-paid bookings: the payments worker refunds every one
// of them, exactly once, even when it is killed (SIGKILL) in the middle and another takes over —
// through the real relay, RabbitMQ and worker processes, against a slow fake Stripe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from '../support/fixtures.ts'
import { call, returnFromCheckout, startCheckout, startPaymentsWorld, type PaymentsWorld } from '../support/payments-world.ts'
import { eventually, settleMessaging } from '../support/workers.ts'

const BOOKINGS = 50

let world: PaymentsWorld
let organiser: TestUser
let buyers: TestUser[]
let event: TestEvent
const paymentIntents = new Map<string, string>()

beforeAll(async () => {
  // Each refund takes Stripe 250 ms to answer, so the worker is mid-call when it is killed.
  world = await startPaymentsWorld({ refundDelayMs: 250 })
  ;[organiser, ...buyers] = await createUsers(BOOKINGS + 2) as [TestUser, ...TestUser[]]
  event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'SEATED', rows: 6, seatsPerRow: 10, priceCents: 2500 }])
  for (let i = 0; i < BOOKINGS; i++) {
    const checkout = await startCheckout(world, buyers[i]!.token, event.id, [event.sections[0]!.placeIds[i]!])
    const session = await world.stripe.pay(checkout.sessionId)
    await returnFromCheckout(world, checkout.sessionId)
    paymentIntents.set(checkout.bookingId, session.payment_intent)
  }
  // One buyer is still on the hosted page when the event is called off.
  await startCheckout(world, buyers[BOOKINGS]!.token, event.id, [event.sections[0]!.placeIds[BOOKINGS]!])
}, 180_000)
afterAll(() => world?.stop())

describe('cancelling an event with paid bookings', () => {
  it('refunds all 50 bookings once each, across a worker SIGKILL', async () => {
    const db = testDb()
    expect(await db.booking.count({ where: { eventId: event.id, status: 'CONFIRMED', paymentStatus: 'PAID' } })).toBe(BOOKINGS)
    const { relay, payments } = await world.startWorkers()
    // Messages other test files left in the shared database are published and dropped first.
    await settleMessaging(world.amqpUrl())

    const cancelled = await call(world, 'POST', `/api/events/${event.id}/cancel`, { token: organiser.token })
    expect(cancelled.status).toBe(200)

    // Let a few refunds through, then kill the worker without any chance to finish or ack.
    await eventually(async () => (await db.refund.count({ where: { booking: { eventId: event.id }, status: 'SUCCEEDED' } })) >= 5, 60_000, 'the first refunds')
    await payments.kill()
    const atKill = await db.refund.count({ where: { booking: { eventId: event.id }, status: 'SUCCEEDED' } })
    expect(atKill).toBeLessThan(BOOKINGS)
    expect(await db.refund.count({ where: { booking: { eventId: event.id } } })).toBe(BOOKINGS)

    // The organiser watches progress meanwhile.
    const midway = await call(world, 'GET', `/api/events/${event.id}/payments`, { token: organiser.token })
    expect(midway.body.refunds.succeeded + midway.body.refunds.pending + midway.body.refunds.failed).toBe(BOOKINGS)

    await world.startPaymentsWorker()
    await eventually(async () => (await db.refund.count({ where: { booking: { eventId: event.id }, status: 'SUCCEEDED' } })) === BOOKINGS, 90_000, 'all refunds to succeed')

    const refunds = await db.refund.findMany({ where: { booking: { eventId: event.id } } })
    expect(refunds).toHaveLength(BOOKINGS)
    expect(new Set(refunds.map(r => r.bookingId)).size).toBe(BOOKINGS)
    expect(new Set(refunds.map(r => r.providerRefundId)).size).toBe(BOOKINGS)
    for (const r of refunds) expect(r).toMatchObject({ reason: 'EVENT_CANCELLED', amountCents: 2500, status: 'SUCCEEDED' })

    // Stripe's side: one refund per payment, of the whole amount — whatever was retried.
    const atStripe = [...world.stripe.refunds.values()]
    expect(atStripe).toHaveLength(BOOKINGS)
    for (const [bookingId, pi] of paymentIntents) {
      const mine = atStripe.filter(r => r.payment_intent === pi)
      expect(mine, bookingId).toHaveLength(1)
      expect(mine[0]!.amount).toBe(2500)
    }
    const retried = world.stripe.requests.filter(r => r.path === '/v1/refunds' && r.method === 'POST' && r.replayed)
    const keys = world.stripe.requests.filter(r => r.path === '/v1/refunds' && r.method === 'POST').map(r => r.idempotencyKey)
    expect(new Set(keys).size).toBe(BOOKINGS)
    expect(keys.length).toBe(BOOKINGS + retried.length)

    const bookings = await db.booking.findMany({ where: { eventId: event.id, paidCents: { gt: 0 } } })
    for (const b of bookings) expect(b).toMatchObject({ status: 'CANCELLED', paymentStatus: 'REFUNDED', refundedCents: 2500 })
    const done = await call(world, 'GET', `/api/events/${event.id}/payments`, { token: organiser.token })
    expect(done.body).toMatchObject({ paidCents: BOOKINGS * 2500, refundedCents: BOOKINGS * 2500, netCents: 0, refunds: { succeeded: BOOKINGS, pending: 0, failed: 0 } })

    // The checkout still open on the cancelled event was ended at Stripe, not left payable.
    const open = await db.booking.findFirstOrThrow({ where: { eventId: event.id, paidCents: 0, paymentProvider: 'stripe' } })
    expect(open).toMatchObject({ status: 'CANCELLED', cancelReason: 'EVENT_CANCELLED', paymentStatus: 'CANCELLED' })
    expect(world.stripe.sessions.get(open.paymentSessionId!)!.status).toBe('expired')
    await relay.stop()
  }, 240_000)
})

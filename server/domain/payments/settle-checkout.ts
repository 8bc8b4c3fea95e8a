// A card payment became known — from Stripe's webhook or from the buyer coming back to the success
// URL, whichever comes first — and is settled here exactly once. The booking row is locked; the
// first settlement records the money (paid_cents > 0), every later one finds it recorded and does
// nothing. Then, in the same transaction:
// - the hold still owns its places: they move to the booking, tickets and the invoice are issued;
// - the hold lapsed (or was replaced) but every one of its places is still free: they are claimed
//   again, under row locks, and the booking is confirmed all the same;
// - otherwise (places sold meanwhile, event cancelled, buyer cancelled while paying): the booking
//   ends and the whole payment is refunded. Never a paid booking without places (invariant 1).
import type { Db } from '../../db/client.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { placesNow, type AfterCommit, type Tx } from '../ports.ts'
import { newTicketCode } from '../bookings/codes.ts'
import { ticketPricing, type TicketPricing } from '../bookings/ticket-pricing.ts'
import { issueInvoice } from '../invoices/issue-documents.ts'
import type { CheckoutSession } from './card-gateway.ts'
import { requestRefund, type RefundReasonCode } from './refunds.ts'

export type Settlement =
  | { outcome: 'confirmed', bookingId: string, eventId: string, placeIds: string[] }
  | { outcome: 'refunding', bookingId: string, refundId: string | null, reason: string }
  | { outcome: 'already-settled' | 'not-paid' | 'unknown-booking', bookingId: string | null }

interface LockedBooking {
  id: string
  user_id: string
  event_id: string
  hold_id: string | null
  reference: string
  status: 'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED'
  paid_cents: number
  payment_session_id: string | null
  cancel_reason: string | null
}

/** Places of the hold, claimed for the booking if the hold still owns them or they are all free now. */
async function claimPlaces(tx: Tx, booking: LockedBooking, now: Date): Promise<{ placeIds: string[], prices: Map<string, TicketPricing> } | null> {
  if (!booking.hold_id) return null
  const items = await tx.holdPlace.findMany({
    where: { holdId: booking.hold_id },
    select: { placeId: true, priceCents: true, ticketTypeId: true, unitPriceCents: true, discountCents: true },
  })
  if (items.length === 0) return null
  const placeIds = items.map(i => i.placeId)
  // Row locks on every place: between this check and the update below nobody else can claim them.
  const places = await tx.$queryRaw<{ id: string, hold_id: string | null, held_until: Date | null, booking_id: string | null }[]>`
    SELECT id, hold_id, held_until, booking_id FROM places WHERE id = ANY(${placeIds}::uuid[]) ORDER BY id FOR UPDATE`
  const free = places.length === placeIds.length && places.every(p =>
    p.booking_id === null && (p.hold_id === null || p.hold_id === booking.hold_id || (p.held_until !== null && p.held_until <= now)))
  if (!free) return null
  await tx.$executeRaw`
    UPDATE places SET booking_id = ${booking.id}::uuid, hold_id = NULL, held_until = NULL WHERE id = ANY(${placeIds}::uuid[])`
  // Whatever the hold's state, it ends here as the booking's.
  const hold = await tx.hold.update({ where: { id: booking.hold_id }, data: { status: 'CONFIRMED', endedAt: now }, select: { waitlistEntryId: true } })
  if (hold.waitlistEntryId) await tx.waitlistEntry.updateMany({ where: { id: hold.waitlistEntryId }, data: { status: 'CONVERTED' } })
  return { placeIds, prices: new Map(items.map(i => [i.placeId, ticketPricing(i)])) }
}

/** Why the places cannot be the buyer's, when the booking can no longer be confirmed at all. */
async function refusal(tx: Tx, booking: LockedBooking): Promise<RefundReasonCode | null> {
  if (booking.status === 'CANCELLED') return booking.cancel_reason === 'EVENT_CANCELLED' ? 'EVENT_CANCELLED' : 'BOOKING_CANCELLED'
  const [event] = await tx.$queryRaw<{ status: string }[]>`SELECT status FROM events WHERE id = ${booking.event_id}::uuid FOR SHARE`
  return event?.status === 'PUBLISHED' ? null : 'EVENT_CANCELLED'
}

export async function settleCheckout(db: Db, effects: AfterCommit, session: CheckoutSession, now = new Date()): Promise<Settlement> {
  const bookingId = session.bookingId
  if (!bookingId || !/^[0-9a-f-]{36}$/i.test(bookingId)) return { outcome: 'unknown-booking', bookingId: null }
  if (!session.paid) return { outcome: 'not-paid', bookingId }
  const settled = await db.$transaction(async (tx): Promise<Settlement> => {
    const [booking] = await tx.$queryRaw<LockedBooking[]>`
      SELECT id, user_id, event_id, hold_id, reference, status::text AS status, paid_cents, payment_session_id, cancel_reason
        FROM bookings WHERE id = ${bookingId}::uuid AND payment_provider = 'stripe' FOR UPDATE`
    if (!booking) return { outcome: 'unknown-booking', bookingId }
    if (booking.paid_cents > 0) return { outcome: 'already-settled', bookingId }
    await tx.booking.update({
      where: { id: bookingId },
      data: { paidCents: session.amountTotalCents, paidAt: now, paymentRef: session.paymentIntentId, paymentSessionId: session.id, checkoutUrl: null },
    })
    const refused = await refusal(tx, booking)
    const claimed = refused ? null : await claimPlaces(tx, booking, now)
    if (!claimed) {
      const reason: RefundReasonCode = refused ?? 'PLACES_LOST'
      await tx.booking.update({
        where: { id: bookingId },
        data: { status: 'CANCELLED', cancelReason: booking.cancel_reason ?? reason, cancelledAt: now },
      })
      const refundId = await requestRefund(tx, { bookingId, reason })
      return { outcome: 'refunding', bookingId, refundId, reason }
    }
    await tx.ticket.createMany({
      data: claimed.placeIds.map(placeId => ({ ...claimed.prices.get(placeId)!, bookingId, placeId, code: newTicketCode() })),
    })
    await tx.booking.update({
      where: { id: bookingId },
      data: { status: 'CONFIRMED', paymentStatus: 'PAID', cancelReason: null, cancelledAt: null, paymentDeadline: null },
    })
    await writeOutbox(tx, ROUTING_KEYS.bookingConfirmed, { bookingId, userId: booking.user_id, eventId: booking.event_id, reference: booking.reference })
    // Last: the invoice counter is the one row every confirmation of this organiser queues on.
    await issueInvoice(tx, bookingId)
    return { outcome: 'confirmed', bookingId, eventId: booking.event_id, placeIds: claimed.placeIds }
  }, { maxWait: 10_000, timeout: 30_000 })
  if (settled.outcome === 'confirmed') await effects.placesChanged(settled.eventId, placesNow(settled.placeIds, 'BOOKED'))
  return settled
}

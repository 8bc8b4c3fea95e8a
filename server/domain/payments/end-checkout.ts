// Ending a card checkout that was not paid: when its time is up (the hold's expiry plus the grace
// period, noticed by the hold.expired message or the payments worker's sweep), when the buyer
// cancels, or when the event is cancelled. Stripe's session is expired first, so it can no longer
// be paid; if it turns out to be paid already, the payment is settled instead. Then the booking
// ends and the hold lets go of its places.
import type { Db } from '../../db/client.ts'
import { placesNow, type AfterCommit } from '../ports.ts'
import type { CardGateway } from './card-gateway.ts'
import { settleCheckout, type Settlement } from './settle-checkout.ts'

export type CheckoutEnd = 'CHECKOUT_EXPIRED' | 'USER' | 'EVENT_CANCELLED'

export type EndedCheckout = { outcome: 'ended', freedPlaceIds: string[] } | { outcome: 'paid', settlement: Settlement } | { outcome: 'not-pending' }

export async function endCheckout(db: Db, effects: AfterCommit, gateway: CardGateway | null, bookingId: string, why: CheckoutEnd, now = new Date()): Promise<EndedCheckout> {
  const booking = await db.booking.findUnique({ where: { id: bookingId }, select: { status: true, paymentSessionId: true, holdId: true, eventId: true } })
  if (booking?.status !== 'PENDING_PAYMENT') return { outcome: 'not-pending' }
  if (booking.paymentSessionId && gateway) {
    const session = await gateway.expireCheckout(booking.paymentSessionId)
    if (session.paid) return { outcome: 'paid', settlement: await settleCheckout(db, effects, session, now) }
  }
  const freed = await db.$transaction(async (tx) => {
    const { count } = await tx.booking.updateMany({
      where: { id: bookingId, status: 'PENDING_PAYMENT' },
      data: { status: why === 'CHECKOUT_EXPIRED' ? 'EXPIRED' : 'CANCELLED', paymentStatus: 'CANCELLED', cancelReason: why, cancelledAt: now, checkoutUrl: null },
    })
    if (count === 0 || !booking.holdId) return count === 0 ? null : []
    const rows = await tx.$queryRaw<{ id: string }[]>`
      WITH ended AS (
        UPDATE holds SET status = 'RELEASED', ended_at = ${now} WHERE id = ${booking.holdId}::uuid AND status = 'ACTIVE'
        RETURNING id, waitlist_entry_id
      ), lapsed AS (
        UPDATE waitlist_entries w SET status = 'LAPSED', updated_at = ${now} FROM ended WHERE w.id = ended.waitlist_entry_id AND w.status = 'OFFERED'
      )
      UPDATE places p SET hold_id = NULL, held_until = NULL FROM ended WHERE p.hold_id = ended.id RETURNING p.id`
    return rows.map(r => r.id)
  })
  if (freed === null) return { outcome: 'not-pending' }
  await effects.placesChanged(booking.eventId, placesNow(freed, 'AVAILABLE'))
  return { outcome: 'ended', freedPlaceIds: freed }
}

/** Pending checkouts whose time is up (the sweep's work); oldest first. */
export async function overdueCheckouts(db: Db, now = new Date(), limit = 100): Promise<string[]> {
  const rows = await db.booking.findMany({
    where: { status: 'PENDING_PAYMENT', paymentDeadline: { lte: now } },
    orderBy: { paymentDeadline: 'asc' },
    take: limit,
    select: { id: true },
  })
  return rows.map(r => r.id)
}

// An event was cancelled (event.cancelled, in the payments worker): every booking it paid by card is
// refunded in full, and every checkout still open on it is ended. The refund rows are written in one
// statement; the database's one-cancellation-refund-per-booking index makes a redelivered message
// (or a worker killed half-way and restarted) add none twice. Each refund then goes to Stripe on its
// own refund.requested message, retried on its own.
import type { Db } from '../../db/client.ts'
import { outboxData } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import type { AfterCommit, LogLike, TxRunner } from '../ports.ts'
import type { CardGateway } from './card-gateway.ts'
import { endCheckout } from './end-checkout.ts'

export async function refundCancelledEvent(db: Db, runTx: TxRunner, eventId: string): Promise<number> {
  return runTx(async (tx) => {
    const created = await tx.$queryRaw<{ id: string, booking_id: string }[]>`
      INSERT INTO refunds (id, booking_id, amount_cents, currency, reason, status, updated_at)
      SELECT gen_random_uuid(), b.id, b.paid_cents - b.refunded_cents
               - coalesce((SELECT sum(r.amount_cents) FROM refunds r WHERE r.booking_id = b.id AND r.status = 'PENDING'), 0),
             b.currency, 'EVENT_CANCELLED', 'PENDING', now()
        FROM bookings b
       WHERE b.event_id = ${eventId}::uuid AND b.status = 'CANCELLED' AND b.cancel_reason = 'EVENT_CANCELLED'
         AND b.paid_cents - b.refunded_cents
               - coalesce((SELECT sum(r.amount_cents) FROM refunds r WHERE r.booking_id = b.id AND r.status = 'PENDING'), 0) > 0
      ON CONFLICT DO NOTHING
      RETURNING id, booking_id`
    if (created.length === 0) return 0
    await tx.$executeRaw`UPDATE bookings SET payment_status = 'REFUND_PENDING' WHERE id = ANY(${created.map(c => c.booking_id)}::uuid[])`
    await tx.outboxMessage.createMany({ data: created.map(c => outboxData(ROUTING_KEYS.refundRequested, { refundId: c.id, bookingId: c.booking_id })) })
    return created.length
  })
}

/** Open checkouts of a cancelled event: ended at Stripe, so nobody pays for a place that is gone. */
export async function endEventCheckouts(db: Db, effects: AfterCommit, gateway: CardGateway | null, eventId: string, log: LogLike): Promise<number> {
  const pending = await db.booking.findMany({ where: { eventId, status: 'PENDING_PAYMENT' }, select: { id: true } })
  for (const { id } of pending) {
    const ended = await endCheckout(db, effects, gateway, id, 'EVENT_CANCELLED')
    log.info({ bookingId: id, outcome: ended.outcome }, 'checkout of a cancelled event ended')
  }
  return pending.length
}

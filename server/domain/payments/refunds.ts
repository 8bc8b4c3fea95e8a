// Refunds: decided in the caller's transaction (a refunds row, the booking's payment status, and a
// refund.requested message), then sent to the card processor by whoever gets there first — the
// request that decided it, right after its commit, or the payments worker from the outbox. The
// row id is the processor's idempotency key, so however often it is sent, the money goes back once.
import type { Db } from '../../db/client.ts'
import { outboxData, writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import type { LogLike, Tx } from '../ports.ts'
import { issueCreditNote } from '../invoices/issue-documents.ts'
import { GatewayRefusedError, type CardGateway, type ProviderRefund } from './card-gateway.ts'
import { cardPaymentStatus, refundableCents } from './money.ts'

export type RefundReasonCode = 'BOOKING_CANCELLED' | 'ORGANISER' | 'EVENT_CANCELLED' | 'PLACES_LOST' | 'PROVIDER'

interface MoneyRow { paid_cents: number, refunded_cents: number, pending_cents: number, currency: string }

/** A booking's money, its row locked for the rest of the transaction. */
export async function lockedMoney(tx: Tx, bookingId: string): Promise<MoneyRow | undefined> {
  const [row] = await tx.$queryRaw<MoneyRow[]>`
    SELECT b.paid_cents, b.refunded_cents, b.currency,
           coalesce((SELECT sum(r.amount_cents) FROM refunds r WHERE r.booking_id = b.id AND r.status = 'PENDING'), 0)::int AS pending_cents
      FROM bookings b WHERE b.id = ${bookingId}::uuid FOR UPDATE OF b`
  return row
}

/** Sets refunded_cents and the payment status from the refund rows (the truth), on a locked booking. */
export async function recomputeRefunds(tx: Tx, bookingId: string): Promise<void> {
  const [sums] = await tx.$queryRaw<{ refunded: number, pending: number }[]>`
    SELECT coalesce(sum(amount_cents) FILTER (WHERE status = 'SUCCEEDED'), 0)::int AS refunded,
           coalesce(sum(amount_cents) FILTER (WHERE status = 'PENDING'), 0)::int AS pending
      FROM refunds WHERE booking_id = ${bookingId}::uuid`
  const booking = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { paidCents: true } })
  const totals = { paidCents: booking.paidCents, refundedCents: sums!.refunded, pendingCents: sums!.pending }
  await tx.booking.update({ where: { id: bookingId }, data: { refundedCents: totals.refundedCents, paymentStatus: cardPaymentStatus(totals) } })
}

export interface RefundRequest {
  bookingId: string
  /** Omitted: everything still refundable. */
  amountCents?: number
  reason: RefundReasonCode
  note?: string
  requestedById?: string
  correlationId?: string
}

/**
 * Writes the refund in the caller's transaction, on the locked booking. Returns its id, or null when
 * nothing is left to refund. Throws RangeError when `amountCents` is more than what is left.
 */
export async function requestRefund(tx: Tx, request: RefundRequest): Promise<string | null> {
  const money = await lockedMoney(tx, request.bookingId)
  if (!money) throw new Error(`booking ${request.bookingId} not found`)
  const left = refundableCents({ paidCents: money.paid_cents, refundedCents: money.refunded_cents, pendingCents: money.pending_cents })
  const amount = request.amountCents ?? left
  if (amount > left) throw new RangeError(`only ${left} can still be refunded`)
  if (amount <= 0) return null
  const refund = await tx.refund.create({
    data: {
      bookingId: request.bookingId, amountCents: amount, currency: money.currency, reason: request.reason,
      note: request.note || null, requestedById: request.requestedById ?? null,
    },
  })
  await recomputeRefunds(tx, request.bookingId)
  await writeOutbox(tx, ROUTING_KEYS.refundRequested, { refundId: refund.id, bookingId: request.bookingId }, request.correlationId)
  return refund.id
}

/** Outbox rows announcing settled refunds (to the buyer, through the notifications worker). */
async function announceSettled(tx: Tx, refundId: string, bookingId: string, status: 'SUCCEEDED' | 'FAILED'): Promise<void> {
  const { userId } = await tx.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { userId: true } })
  await tx.outboxMessage.create({ data: outboxData(ROUTING_KEYS.refundCompleted, { refundId, bookingId, userId, status }) })
}

/**
 * Records what the processor says about a refund: ours (by its id or our id in its metadata) or one
 * made outside Bookify (a new PROVIDER row on the booking paid by that payment). Safe to repeat and
 * in any order: a refund only moves from PENDING to SUCCEEDED or FAILED (or, rarely, SUCCEEDED to
 * FAILED), and the booking's totals are recomputed from the rows each time.
 */
export async function applyProviderRefund(db: Db, provider: ProviderRefund, now = new Date()): Promise<'applied' | 'unchanged' | 'unknown-payment'> {
  return db.$transaction(async (tx) => {
    let row = await tx.refund.findFirst({
      where: { OR: [{ providerRefundId: provider.id }, ...(provider.refundId ? [{ id: provider.refundId }] : [])] },
    })
    if (!row) {
      if (!provider.paymentIntentId) return 'unknown-payment'
      const booking = await tx.booking.findFirst({ where: { paymentRef: provider.paymentIntentId }, select: { id: true, currency: true } })
      if (!booking) return 'unknown-payment'
      await lockedMoney(tx, booking.id)
      row = await tx.refund.create({
        data: { bookingId: booking.id, amountCents: provider.amountCents, currency: booking.currency, reason: 'PROVIDER', providerRefundId: provider.id, note: 'Refunded outside Bookify' },
      })
    } else {
      await lockedMoney(tx, row.bookingId)
      row = await tx.refund.findUniqueOrThrow({ where: { id: row.id } })
    }
    const next = provider.status === 'succeeded' ? 'SUCCEEDED' : provider.status === 'failed' ? 'FAILED' : 'PENDING'
    const moves = row.status === 'PENDING' ? next !== 'PENDING' : row.status === 'SUCCEEDED' && next === 'FAILED'
    if (!moves) {
      if (!row.providerRefundId) await tx.refund.update({ where: { id: row.id }, data: { providerRefundId: provider.id } })
      return 'unchanged'
    }
    await tx.refund.update({
      where: { id: row.id },
      data: { status: next, providerRefundId: provider.id, completedAt: now, failureReason: next === 'FAILED' ? provider.failureReason ?? 'failed' : null },
    })
    await recomputeRefunds(tx, row.bookingId)
    if (next === 'SUCCEEDED') await issueCreditNote(tx, row.id)
    await announceSettled(tx, row.id, row.bookingId, next as 'SUCCEEDED' | 'FAILED')
    return 'applied'
  })
}

async function markFailed(db: Db, refundId: string, reason: string, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const row = await tx.refund.findUniqueOrThrow({ where: { id: refundId } })
    await lockedMoney(tx, row.bookingId)
    const { count } = await tx.refund.updateMany({ where: { id: refundId, status: 'PENDING' }, data: { status: 'FAILED', failureReason: reason.slice(0, 500), completedAt: now } })
    if (count === 0) return
    await recomputeRefunds(tx, row.bookingId)
    await announceSettled(tx, refundId, row.bookingId, 'FAILED')
  })
}

/**
 * Sends one refund to the processor unless it is already settled. A refusal (nothing left to refund
 * there, say) settles it as FAILED; an outage throws, for the caller to retry later.
 */
export async function executeRefund(db: Db, gateway: CardGateway, refundId: string, log?: LogLike, now = new Date()): Promise<'sent' | 'settled-before' | 'failed'> {
  const refund = await db.refund.findUnique({ where: { id: refundId }, include: { booking: { select: { paymentRef: true } } } })
  // Sent before and pending at the processor: its webhook settles it. Never send it again — past
  // Stripe's 24 h idempotency window a second create would refund twice.
  if (!refund || refund.status !== 'PENDING' || refund.providerRefundId) return 'settled-before'
  if (!refund.booking.paymentRef) {
    await markFailed(db, refundId, 'no card payment to refund', now)
    return 'failed'
  }
  await db.refund.update({ where: { id: refundId }, data: { attempts: { increment: 1 } } })
  try {
    const provider = await gateway.refund({ refundId, bookingId: refund.bookingId, paymentIntentId: refund.booking.paymentRef, amountCents: refund.amountCents })
    await applyProviderRefund(db, { ...provider, refundId }, now)
    log?.info({ refundId, bookingId: refund.bookingId, providerRefundId: provider.id, status: provider.status }, 'refund sent')
    return 'sent'
  } catch (err) {
    if (!(err instanceof GatewayRefusedError)) throw err
    log?.warn({ refundId, err: err.message }, 'refund refused by the card processor')
    await markFailed(db, refundId, err.message, now)
    return 'failed'
  }
}

/** Best effort right after a commit; the outbox message is the guarantee. */
export async function tryRefundNow(db: Db, gateway: CardGateway | null, refundId: string | null, log: LogLike): Promise<void> {
  if (!gateway || !refundId) return
  try {
    await executeRefund(db, gateway, refundId, log)
  } catch (err) {
    log.warn({ refundId, err: (err as Error).message }, 'refund not sent yet; the payments worker retries')
  }
}

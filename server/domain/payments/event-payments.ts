// GET /api/events/:id/payments: what an event took by card and gave back — totals, refund progress
// (an event cancellation's refunds show here as they complete) and each paid booking, for the
// organiser's refund buttons.
import type { Db } from '../../db/client.ts'
import type { EventPaymentsDto } from '../../../shared/types/booking.ts'
import { requireEventRole, ROLES, type EventCaller } from '../organising/event-roles.ts'
import { refundableCents } from './money.ts'
import { refundDto } from './payment-dto.ts'

export async function eventPayments(db: Db, eventId: string, caller: EventCaller): Promise<EventPaymentsDto> {
  await requireEventRole(db, eventId, caller, ROLES.manage)
  const bookings = await db.booking.findMany({
    where: { eventId, paidCents: { gt: 0 } },
    orderBy: { paidAt: 'desc' },
    take: 500,
    select: {
      id: true, reference: true, status: true, paidCents: true, refundedCents: true, currency: true, paymentStatus: true,
      user: { select: { name: true, email: true } }, refunds: { orderBy: { createdAt: 'asc' } },
    },
  })
  const [totals] = await db.$queryRaw<{ paid: number, refunded: number, currency: string | null }[]>`
    SELECT coalesce(sum(paid_cents), 0)::int AS paid, coalesce(sum(refunded_cents), 0)::int AS refunded, min(currency) AS currency
      FROM bookings WHERE event_id = ${eventId}::uuid AND paid_cents > 0`
  const counts = await db.refund.groupBy({ by: ['status'], where: { booking: { eventId } }, _count: { _all: true } })
  const count = (status: string) => counts.find(c => c.status === status)?._count._all ?? 0
  const currency = totals?.currency ?? (await db.section.findFirst({ where: { eventId }, select: { currency: true } }))?.currency ?? 'EUR'
  return {
    eventId,
    currency,
    paidCents: totals?.paid ?? 0,
    refundedCents: totals?.refunded ?? 0,
    netCents: (totals?.paid ?? 0) - (totals?.refunded ?? 0),
    refunds: { pending: count('PENDING'), succeeded: count('SUCCEEDED'), failed: count('FAILED') },
    bookings: bookings.map((b) => {
      const pending = b.refunds.filter(r => r.status === 'PENDING').reduce((s, r) => s + r.amountCents, 0)
      const money = (amountCents: number) => ({ amountCents, currency: b.currency })
      return {
        id: b.id, reference: b.reference, status: b.status, buyer: b.user,
        paid: money(b.paidCents), refunded: money(b.refundedCents),
        refundable: money(refundableCents({ paidCents: b.paidCents, refundedCents: b.refundedCents, pendingCents: pending })),
        paymentStatus: b.paymentStatus, refunds: b.refunds.map(refundDto),
      }
    }),
  }
}

// The payment part of a booking as the API shows it (API.md, Payments: GET /api/bookings/:id).
import type { Prisma } from '../../db/client.ts'
import type { BookingPaymentDto, RefundDto } from '../../../shared/types/booking.ts'
import { documentNumber } from '../invoices/document-number.ts'
import { refundDeadline, refundPolicyOf } from './refund-policy.ts'

type BookingRow = Pick<Prisma.BookingModel, 'status' | 'paymentProvider' | 'paymentStatus' | 'paymentSessionId' | 'checkoutUrl' | 'paymentDeadline'
  | 'totalCents' | 'paidCents' | 'refundedCents' | 'currency'> & {
  refunds: Prisma.RefundModel[]
  invoices: { kind: 'INVOICE' | 'CREDIT_NOTE', number: number }[]
}

export function refundDto(r: Prisma.RefundModel): RefundDto {
  return {
    id: r.id,
    amount: { amountCents: r.amountCents, currency: r.currency },
    reason: r.reason,
    note: r.note,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  }
}

export function bookingPaymentDto(b: BookingRow): BookingPaymentDto {
  const pending = b.status === 'PENDING_PAYMENT'
  const invoice = b.invoices.find(i => i.kind === 'INVOICE')
  return {
    provider: b.paymentProvider,
    status: b.paymentStatus,
    amountCents: b.paidCents > 0 ? b.paidCents : b.totalCents,
    refundedCents: b.refundedCents,
    ...(b.paymentProvider === 'stripe'
      ? { sessionId: b.paymentSessionId, checkoutUrl: pending ? b.checkoutUrl : null, payBy: pending ? b.paymentDeadline?.toISOString() ?? null : null }
      : {}),
    refunds: b.refunds.map(refundDto),
    invoiceNumber: invoice ? documentNumber('INVOICE', invoice.number) : null,
  }
}

/** Until when the buyer's own cancellation of a card-paid booking is refunded. */
export function refundableUntil(b: Pick<Prisma.BookingModel, 'paidCents' | 'status'>, event: Pick<Prisma.EventModel, 'refundPolicy' | 'refundHours' | 'startsAt'>): string | null {
  if (b.paidCents <= 0 || b.status !== 'CONFIRMED') return null
  return refundDeadline(refundPolicyOf(event), event.startsAt)?.toISOString() ?? null
}

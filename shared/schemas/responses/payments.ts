// The organiser's side of card money: an event's payments, invoices, and Stripe's webhook receipt.
import { z } from 'zod'
import { instant, money, uuid } from './common'
import { refundResponse } from './orders'

export const eventPaymentsResponse = z.strictObject({
  eventId: uuid,
  currency: z.string(),
  paidCents: z.number().int(),
  refundedCents: z.number().int(),
  netCents: z.number().int(),
  refunds: z.strictObject({ pending: z.number().int(), succeeded: z.number().int(), failed: z.number().int() }),
  bookings: z.array(z.strictObject({
    id: uuid,
    reference: z.string(),
    status: z.enum(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED']),
    buyer: z.strictObject({ name: z.string(), email: z.string() }),
    paid: money,
    refunded: money,
    refundable: money,
    paymentStatus: z.enum(['NOT_REQUIRED', 'DUE_AT_VENUE', 'PENDING', 'PAID', 'REFUND_PENDING', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CANCELLED']),
    refunds: z.array(refundResponse),
  })),
}).meta({ id: 'EventPayments' })

export const invoiceSummaryResponse = z.strictObject({
  id: uuid,
  kind: z.enum(['INVOICE', 'CREDIT_NOTE']),
  number: z.string(),
  issuedAt: instant,
  bookingId: uuid,
  bookingReference: z.string(),
  event: z.strictObject({ id: uuid, title: z.string() }),
  buyer: z.strictObject({ name: z.string(), email: z.string().nullable() }),
  total: money,
  tax: money,
  taxRatePercent: z.number(),
}).meta({ id: 'InvoiceSummary' })

export const stripeWebhookReceipt = z.strictObject({
  received: z.literal(true),
  /** Stripe sent this event before: nothing was applied twice. */
  repeat: z.boolean(),
})

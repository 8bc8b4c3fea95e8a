// Request shapes of card payments (API.md, Payments): an event's payment settings (part of the
// event's create and edit bodies), organiser refunds and the invoice list.
import { z } from 'zod'
import { pagination } from './pagination'

export const PAYMENT_METHODS = ['card', 'venue'] as const
export type PaymentMethod = typeof PAYMENT_METHODS[number]

export const refundPolicyInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('NONE') }).strict(),
  z.object({
    kind: z.literal('UNTIL_HOURS_BEFORE'),
    hours: z.number().int('Use whole hours.').min(0, 'Use 0 hours or more.').max(8760, 'Use at most 8760 hours (a year).'),
  }).strict(),
], 'Choose NONE or UNTIL_HOURS_BEFORE.')
export type RefundPolicyInput = z.infer<typeof refundPolicyInput>

/** Fields of POST/PATCH /api/events that set how the event is paid for; all optional. */
export const eventPaymentFields = {
  paymentMethods: z.array(z.enum(PAYMENT_METHODS, 'Use "card" or "venue".'))
    .min(1, 'Offer at least one way to pay.')
    .refine(methods => new Set(methods).size === methods.length, 'A method is listed twice.')
    .optional(),
  refundPolicy: refundPolicyInput.optional(),
  taxRatePercent: z.number().min(0, 'A tax rate cannot be negative.').max(100, 'Use at most 100 %.').multipleOf(0.01, 'Use at most two decimals.').optional(),
  sellerDetails: z.string().trim().max(1000, 'Use at most 1000 characters.').optional(),
}

/** The payment part of a booking request: `{method: "card"}`, `{method: "venue"}`, or v1's `{provider: "pay_at_venue"}`. */
export const bookingPaymentInput = z.object({
  method: z.enum(PAYMENT_METHODS, 'Use "card" or "venue".').optional(),
  provider: z.enum(['pay_at_venue']).optional(),
}).catchall(z.unknown())
  .transform(p => ({ method: p.method ?? 'venue' as PaymentMethod }))

export const refundBody = z.object({
  amountCents: z.number().int('Use whole cents.').min(1, 'Refund at least 1 cent.').max(100_000_000),
  reason: z.string().trim().max(500, 'Use at most 500 characters.').optional(),
}).strict()
export type RefundBody = z.infer<typeof refundBody>

export const invoicesQuery = z.object({
  ...pagination,
  format: z.enum(['json', 'csv']).default('json'),
})
export type InvoicesQuery = z.infer<typeof invoicesQuery>

/** POST /api/bookings/:id/venue-payment: how the door took the money. */
export const venuePaymentBody = z.object({
  method: z.enum(['CASH', 'CARD'], 'Use CASH or CARD.'),
}).strict()
export type VenuePaymentBody = z.infer<typeof venuePaymentBody>

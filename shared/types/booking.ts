import type { EventStatus, Money, SectionKind, TicketTypeRefDto } from './event'

/** An answer to a checkout question: text or a choice, several choices, or a ticked box. */
export type AnswerValue = string | string[] | boolean

export type BookingStatus = 'PENDING_PAYMENT' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED'

export type PaymentStatus = 'NOT_REQUIRED' | 'DUE_AT_VENUE' | 'PENDING' | 'PAID' | 'REFUND_PENDING' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'CANCELLED'

export type RefundStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED'
export type RefundReason = 'BOOKING_CANCELLED' | 'ORGANISER' | 'EVENT_CANCELLED' | 'PLACES_LOST' | 'PROVIDER'

export interface RefundDto {
  id: string
  amount: Money
  reason: RefundReason
  note: string | null
  status: RefundStatus
  createdAt: string
  completedAt: string | null
}

export interface BookingPaymentDto {
  /** `pay_at_venue`, `stripe`, … */
  provider: string
  status: PaymentStatus
  /** What the buyer pays (or paid), in minor units of the booking's currency. */
  amountCents: number
  refundedCents: number
  /** Card checkout: the session and its hosted page, while it can still be paid. */
  sessionId?: string | null
  checkoutUrl?: string | null
  /** Until when an open card checkout keeps the places. */
  payBy?: string | null
  refunds: RefundDto[]
  /** The invoice's number once one is issued (paid bookings). */
  invoiceNumber: string | null
}

export interface TicketDto {
  id: string
  /** Printed in the QR code; proof of the ticket at the door. */
  code: string
  valid: boolean
  placeId: string
  label: string
  row: string | null
  number: number | null
  section: { id: string, name: string, kind: SectionKind, entrance: string | null }
  ticketType: TicketTypeRefDto
  unitPrice: Money
  discount: Money
  /** Paid for this place: unitPrice less discount. */
  price: Money
  /** Answers to the event's per-attendee questions, by question id. */
  answers: Record<string, AnswerValue>
  checkedInAt: string | null
}

export interface BookingDto {
  id: string
  reference: string
  status: BookingStatus
  event: { id: string, title: string, startsAt: string, endsAt: string, timezone: string, status: EventStatus, venue: { name: string, address: string, city: string } }
  total: Money
  /** Taken off by the promo code. */
  discount: Money
  /** Answers to the event's per-order questions, by question id. */
  answers: Record<string, AnswerValue>
  payment: BookingPaymentDto
  createdAt: string
  cancelledAt: string | null
  /** Why a booking ended: USER, ORGANISER, EVENT_CANCELLED, PLACES_LOST (paid after the places were gone), CHECKOUT_EXPIRED. */
  cancelReason: string | null
  /** Until when the buyer's own cancellation is refunded (card payments); null when never. */
  refundableUntil: string | null
  tickets: TicketDto[]
}

/** A row of GET /api/organiser/invoices: an invoice or a credit note, as issued. */
export interface InvoiceSummaryDto {
  id: string
  kind: 'INVOICE' | 'CREDIT_NOTE'
  number: string
  issuedAt: string
  bookingId: string
  bookingReference: string
  event: { id: string, title: string }
  buyer: { name: string, email: string | null }
  /** Gross; a credit note's amount is what it credits (shown negative in the CSV). */
  total: Money
  tax: Money
  taxRatePercent: number
}

/** One card-paid booking in GET /api/events/:id/payments. */
export interface PaidBookingDto {
  id: string
  reference: string
  status: BookingStatus
  buyer: { name: string, email: string }
  paid: Money
  refunded: Money
  /** Still refundable: paid less refunded and pending. */
  refundable: Money
  paymentStatus: PaymentStatus
  refunds: RefundDto[]
}

/** GET /api/events/:id/payments: the organiser's view of an event's card money. */
export interface EventPaymentsDto {
  eventId: string
  currency: string
  paidCents: number
  refundedCents: number
  netCents: number
  refunds: { pending: number, succeeded: number, failed: number }
  bookings: PaidBookingDto[]
}

// Holds and bookings as the buyer sees them.
import { z } from 'zod'
import { instant, money, page, sectionKind, uuid, venue } from './common'

const ticketTypeRef = z.strictObject({ id: uuid, name: z.string() })
export const answerValue = z.union([z.string(), z.array(z.string()), z.boolean()])

export const holdResponse = z.strictObject({
  id: uuid,
  eventId: uuid,
  status: z.enum(['ACTIVE', 'CONFIRMED', 'RELEASED', 'EXPIRED']),
  items: z.array(z.strictObject({
    placeId: uuid,
    label: z.string(),
    sectionId: uuid,
    sectionName: z.string(),
    kind: sectionKind,
    ticketType: ticketTypeRef,
    unitPrice: money,
    discount: money,
    price: money,
  })),
  total: money,
  discount: money,
  promoCode: z.string().nullable(),
  expiresAt: instant,
  canExtend: z.boolean(),
  waitlistEntryId: uuid.nullable(),
}).meta({ id: 'Hold' })

export const refundResponse = z.strictObject({
  id: uuid,
  amount: money,
  reason: z.enum(['BOOKING_CANCELLED', 'ORGANISER', 'EVENT_CANCELLED', 'PLACES_LOST', 'PROVIDER']),
  note: z.string().nullable(),
  status: z.enum(['PENDING', 'SUCCEEDED', 'FAILED']),
  createdAt: instant,
  completedAt: instant.nullable(),
})

const ticket = z.strictObject({
  id: uuid,
  code: z.string(),
  valid: z.boolean(),
  placeId: uuid,
  label: z.string(),
  row: z.string().nullable(),
  number: z.number().int().nullable(),
  section: z.strictObject({ id: uuid, name: z.string(), kind: sectionKind, entrance: z.string().nullable() }),
  ticketType: ticketTypeRef,
  unitPrice: money,
  discount: money,
  price: money,
  answers: z.record(z.string(), answerValue),
  checkedInAt: instant.nullable(),
}).meta({ id: 'Ticket' })

export const bookingResponse = z.strictObject({
  id: uuid,
  reference: z.string(),
  status: z.enum(['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED', 'EXPIRED']),
  event: z.strictObject({
    id: uuid, title: z.string(), startsAt: instant, endsAt: instant, timezone: z.string(),
    status: z.enum(['DRAFT', 'PUBLISHED', 'CANCELLED']), venue,
  }),
  total: money,
  discount: money,
  answers: z.record(z.string(), answerValue),
  payment: z.strictObject({
    provider: z.string(),
    status: z.enum(['NOT_REQUIRED', 'DUE_AT_VENUE', 'PENDING', 'PAID', 'REFUND_PENDING', 'PARTIALLY_REFUNDED', 'REFUNDED', 'CANCELLED']),
    amountCents: z.number().int(),
    refundedCents: z.number().int(),
    sessionId: z.string().nullish(),
    checkoutUrl: z.string().nullish(),
    payBy: instant.nullish(),
    refunds: z.array(refundResponse),
    invoiceNumber: z.string().nullable(),
  }),
  createdAt: instant,
  cancelledAt: instant.nullable(),
  cancelReason: z.string().nullable(),
  refundableUntil: instant.nullable(),
  tickets: z.array(ticket),
}).meta({ id: 'Booking' })

export const bookingPageResponse = page(bookingResponse)

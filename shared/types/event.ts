import type { WaitingRoomDto } from './queue'

export type EventStatus = 'DRAFT' | 'PUBLISHED' | 'CANCELLED'
export type SectionKind = 'SEATED' | 'GA'

export interface Money {
  amountCents: number
  currency: string
}

export interface EventSummaryDto {
  id: string
  title: string
  category: string
  status: EventStatus
  startsAt: string
  endsAt: string
  timezone: string
  venue: { name: string, address: string, city: string }
  priceFrom: Money | null
  availability: { available: number, total: number }
}

export interface Page<T> {
  items: T[]
  page: number
  pageSize: number
  total: number
}

type HoldStatus = 'ACTIVE' | 'CONFIRMED' | 'RELEASED' | 'EXPIRED'

/** The ticket type a place is held or sold under. */
export interface TicketTypeRefDto {
  id: string
  name: string
}

interface HoldItemDto {
  placeId: string
  label: string
  sectionId: string
  sectionName: string
  kind: SectionKind
  ticketType: TicketTypeRefDto
  /** The type's price. */
  unitPrice: Money
  /** Taken off by the hold's promo code (0 without one). */
  discount: Money
  /** What this place costs: unitPrice less discount. */
  price: Money
}

export interface HoldDto {
  id: string
  eventId: string
  status: HoldStatus
  items: HoldItemDto[]
  /** After discounts. */
  total: Money
  /** The sum of the lines' discounts. */
  discount: Money
  /** The code applied to this hold, as the organiser wrote it. */
  promoCode: string | null
  expiresAt: string
  /** A hold may be extended once. */
  canExtend: boolean
  /** Set when the hold is a waitlist offer. */
  waitlistEntryId: string | null
}

export type TicketTypeState = 'ON_SALE' | 'NOT_YET_ON_SALE' | 'SALES_ENDED' | 'SOLD_OUT'

/** A section's ticket type as GET /api/events/:id shows it (hidden ones only to its organisers). */
export interface TicketTypeDto {
  id: string
  name: string
  price: Money
  description: string | null
  salesStart: string | null
  salesEnd: string | null
  maxPerOrder: number | null
  quota: number | null
  hidden: boolean
  /** Places a buyer could get under it now: the section's free places, capped by what its quota leaves. */
  available: number
  state: TicketTypeState
}

export interface SectionDto {
  id: string
  name: string
  kind: SectionKind
  price: Money
  /** Visible types, in order; the first is the default for places asked for without a type. */
  ticketTypes: TicketTypeDto[]
  capacity: number
  available: number
  entrance: string | null
  rows: number | null
  seatsPerRow: number | null
}

export type EventPaymentMethod = 'card' | 'venue'
export type RefundPolicyDto = { kind: 'NONE' } | { kind: 'UNTIL_HOURS_BEFORE', hours: number }

/** One event as GET /api/events/:id answers it (and POST/PATCH /api/events return it). */
export interface EventDetailDto {
  id: string
  title: string
  description: string
  category: string
  status: EventStatus
  startsAt: string
  endsAt: string
  timezone: string
  holdMinutes: number
  venue: { name: string, address: string, city: string }
  imageUrl: string | null
  publishedAt: string | null
  cancelledAt: string | null
  organiser: { id: string, name: string }
  /** The on-sale waiting room, when the event has one. */
  waitingRoom?: WaitingRoomDto | null
  sections: SectionDto[]
  availability: { available: number, total: number }
  priceFrom: Money | null
  /** How buyers may pay; "card" works only where the server has Stripe keys (GET /api/payments/methods). */
  paymentMethods: EventPaymentMethod[]
  /** When a buyer who cancels a card-paid booking is refunded. */
  refundPolicy: RefundPolicyDto
  /** Tax included in the prices, e.g. 23 or 7.5. */
  taxRatePercent: number
  /** The seller as printed on invoices; empty: the organiser's name. */
  sellerDetails: string
}

export type PlaceStatus = 'AVAILABLE' | 'HELD' | 'BOOKED'

export interface SeatDto {
  id: string
  label: string
  row: string | null
  number: number | null
  x: number | null
  y: number | null
  status: PlaceStatus
}

export interface SeatMapSectionDto {
  id: string
  name: string
  kind: SectionKind
  price: Money
  capacity: number
  available: number
  /** Empty for general admission: its units are not listed one by one. */
  rows: { label: string, seats: SeatDto[] }[]
}

export interface SeatMapDto {
  eventId: string
  sections: SeatMapSectionDto[]
}

export type EventRole = 'ORGANISER' | 'CO_ORGANISER' | 'CHECKIN'

/** A row of GET /api/organiser/events: the event plus its sales so far. */
export interface OrganiserEventDto extends EventSummaryDto {
  role: EventRole
  sold: number
  held: number
  available: number
  /** Money taken for the valid tickets less what was refunded on bookings that stand; null for check-in staff. */
  revenue: Money | null
  /** Still to be paid at the venue (not part of revenue); null for check-in staff. */
  due: Money | null
  /** Money given back to card buyers (all bookings, cancelled ones included); null for check-in staff. */
  refunded: Money | null
}

import type { EventStatus, Money, SectionKind } from './event'
import type { AnswerValue } from './booking'

export type StaffRole = 'CO_ORGANISER' | 'CHECKIN'

export interface StaffMemberDto {
  userId: string
  name: string
  email: string
  role: StaffRole | 'ORGANISER'
  addedAt: string | null
}

export interface TeamDto {
  eventId: string
  /** The caller's own roles on the event, so the page knows what it may offer. */
  yourRoles: string[]
  members: StaffMemberDto[]
}

/** An invitation by e-mail not yet accepted or revoked (GET /api/events/:id/invitations). */
export interface StaffInvitationDto {
  id: string
  email: string
  role: StaffRole
  invitedBy: { id: string, name: string } | null
  createdAt: string
  expiresAt: string
  /** EXPIRED: the link no longer works; invite again to send a new one. */
  status: 'PENDING' | 'EXPIRED'
}

/** What an invitation link offers (POST /api/invitations/preview) and, once accepted, what it gave. */
export interface InvitationViewDto {
  event: { id: string, title: string, startsAt: string, timezone: string }
  role: StaffRole
  invitedBy: { name: string } | null
  expiresAt: string
}

/** details of 410 INVITATION_INVALID. */
export interface InvitationInvalidDetails {
  reason: 'EXPIRED' | 'ACCEPTED' | 'REVOKED'
}

export interface AttendeeDto {
  ticketId: string
  /** The code in the ticket's QR, so the door can admit a guest found by name. */
  ticketCode: string
  bookingId: string
  /** `email` is left out for check-in staff. */
  holder: { name: string, email?: string }
  seat: { label: string, row: string | null, number: number | null }
  section: { name: string, kind: SectionKind }
  ticketType: { name: string }
  /** The code the booking used, if any. */
  promoCode: string | null
  bookingReference: string
  payment: { status: string, amount: Money }
  /** The booking's answers to per-order questions and this attendee's to per-attendee ones, by question id. */
  answers: Record<string, AnswerValue>
  /** What this ticket still owes at the door (0 when paid). */
  due: Money
  checkedInAt: string | null
}

export interface PaymentAtDoorDto {
  status: string
  amount: Money
}

/** The booking a ticket at the door belongs to: what it still owes (once for all its tickets) and how many are in. */
export interface CheckInBookingDto {
  id: string
  reference: string
  due: Money
  tickets: number
  checkedIn: number
}

/** 200 of POST /api/events/:id/checkin. */
export interface CheckInResultDto {
  outcome: 'ADMITTED'
  ticket: { id: string, code: string, checkedInAt: string }
  seat: { label: string, row: string | null, number: number | null, section: string, entrance: string | null }
  holder: { name: string }
  bookingReference: string
  /** The booking's payment status and total (v1). */
  payment: PaymentAtDoorDto
  /** What this ticket still owes at the door (0 when paid). */
  due: Money
  booking: CheckInBookingDto
}

/** 200 of POST /api/bookings/:id/venue-payment. */
export interface VenuePaymentDto {
  bookingId: string
  reference: string
  payment: { status: 'PAID', method: 'CASH' | 'CARD', paidAt: string, amount: Money }
  due: Money
}

/** details of 409 ALREADY_CHECKED_IN. */
export interface AlreadyCheckedInDetails {
  checkedInAt: string
  checkedInBy: string | null
  seat: CheckInResultDto['seat']
  holder: { name: string }
}

/** One ticket of the offline list: enough to validate a scan and show the result. */
export interface CheckInListTicket {
  code: string
  seat: string
  section: string
  holder: string
  checkedInAt: string | null
}

export interface CheckInListDto {
  eventId: string
  generatedAt: string
  tickets: CheckInListTicket[]
}

export type ScanOutcome = 'ADMITTED' | 'ALREADY_CHECKED_IN' | 'UNKNOWN_TICKET' | 'CONFLICT'

export interface SyncedScanDto {
  ticketCode: string
  scannedAt: string
  outcome: ScanOutcome
  /** The device had sent this scan before; nothing changed. */
  duplicate: boolean
}

export interface CheckInConflictDto {
  ticketCode: string
  /** Devices that admitted the ticket, first admission first ("online" for a scan without a device id). */
  devices: string[]
  times: string[]
  seat: string | null
  holder: string | null
}

export interface CheckInSyncResultDto {
  results: SyncedScanDto[]
  conflicts: CheckInConflictDto[]
}

export interface DashboardDto {
  eventId: string
  currency: string
  /** Money given back so far on the event's bookings, cancelled ones included. */
  refundedCents: number
  /** Every revenueCents below is money taken net of refunds (a booking's partial refund shared over its tickets by price). */
  sales: { bucket: 'hour' | 'day', timezone: string, points: { at: string, tickets: number, revenueCents: number }[] }
  /** revenueCents: money taken, net of refunds (valid tickets); dueCents: still to be paid at the venue. */
  sections: { id: string, name: string, kind: SectionKind, capacity: number, sold: number, held: number, available: number, revenueCents: number, dueCents: number }[]
  /** Valid tickets and their revenue per ticket type (types without sales included). */
  ticketTypes: { id: string, sectionId: string, name: string, sold: number, revenueCents: number }[]
  /** Per promo code: tickets sold with it, their revenue, and the discount given. */
  promoCodes: { id: string, code: string, kind: string, bookings: number, tickets: number, revenueCents: number, discountCents: number }[]
  holds: { created: number, converted: number, conversion: number }
  waitlist: { waiting: number, offered: number }
  checkIn: { checkedIn: number, sold: number }
}

export interface AuditEntryDto {
  id: string
  action: string
  actor: { id: string, name: string } | null
  targetType: string | null
  targetId: string | null
  data: Record<string, unknown>
  createdAt: string
}

export interface AdminEventDto {
  id: string
  title: string
  status: EventStatus
  startsAt: string
  timezone: string
  city: string
  organiser: { id: string, name: string, email: string }
  disabledAt: string | null
}

export interface AdminUserDto {
  id: string
  name: string
  email: string
  role: 'USER' | 'ADMIN'
  disabledAt: string | null
}

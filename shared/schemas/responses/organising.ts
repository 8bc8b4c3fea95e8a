// What organisers, their team and the door see: team and invitations, check-in, the dashboard,
// the attendee list, and the admin's views.
import { z } from 'zod'
import { instant, money, sectionKind, uuid } from './common'
import { answerValue } from './orders'

const staffRole = z.enum(['CO_ORGANISER', 'CHECKIN'])

export const staffMemberResponse = z.strictObject({
  userId: uuid,
  name: z.string(),
  email: z.string(),
  role: z.enum(['CO_ORGANISER', 'CHECKIN', 'ORGANISER']),
  addedAt: instant.nullable(),
}).meta({ id: 'StaffMember' })

export const teamResponse = z.strictObject({
  eventId: uuid,
  yourRoles: z.array(z.string()),
  members: z.array(staffMemberResponse),
}).meta({ id: 'Team' })

export const staffInvitationResponse = z.strictObject({
  id: uuid,
  email: z.string(),
  role: staffRole,
  invitedBy: z.strictObject({ id: uuid, name: z.string() }).nullable(),
  createdAt: instant,
  expiresAt: instant,
  status: z.enum(['PENDING', 'EXPIRED']),
}).meta({ id: 'StaffInvitation' })

export const invitationViewResponse = z.strictObject({
  event: z.strictObject({ id: uuid, title: z.string(), startsAt: instant, timezone: z.string() }),
  role: staffRole,
  invitedBy: z.strictObject({ name: z.string() }).nullable(),
  expiresAt: instant,
}).meta({ id: 'InvitationView' })

const seatAtDoor = z.strictObject({ label: z.string(), row: z.string().nullable(), number: z.number().int().nullable(), section: z.string(), entrance: z.string().nullable() })

export const checkInResultResponse = z.strictObject({
  outcome: z.literal('ADMITTED'),
  ticket: z.strictObject({ id: uuid, code: z.string(), checkedInAt: instant }),
  seat: seatAtDoor,
  holder: z.strictObject({ name: z.string() }),
  bookingReference: z.string(),
  payment: z.strictObject({ status: z.string(), amount: money }),
  due: money,
  booking: z.strictObject({ id: uuid, reference: z.string(), due: money, tickets: z.number().int(), checkedIn: z.number().int() }),
}).meta({ id: 'CheckInResult' })

export const checkInListResponse = z.strictObject({
  eventId: uuid,
  generatedAt: instant,
  tickets: z.array(z.strictObject({ code: z.string(), seat: z.string(), section: z.string(), holder: z.string(), checkedInAt: instant.nullable() })),
}).meta({ id: 'CheckInList' })

export const checkInSyncResponse = z.strictObject({
  results: z.array(z.strictObject({
    ticketCode: z.string(),
    scannedAt: instant,
    outcome: z.enum(['ADMITTED', 'ALREADY_CHECKED_IN', 'UNKNOWN_TICKET', 'CONFLICT']),
    duplicate: z.boolean(),
  })),
  conflicts: z.array(z.strictObject({
    ticketCode: z.string(),
    devices: z.array(z.string()),
    times: z.array(instant),
    seat: z.string().nullable(),
    holder: z.string().nullable(),
  })),
}).meta({ id: 'CheckInSyncResult' })

export const venuePaymentResponse = z.strictObject({
  bookingId: uuid,
  reference: z.string(),
  payment: z.strictObject({ status: z.literal('PAID'), method: z.enum(['CASH', 'CARD']), paidAt: instant, amount: money }),
  due: money,
}).meta({ id: 'VenuePayment' })

export const dashboardResponse = z.strictObject({
  eventId: uuid,
  currency: z.string(),
  refundedCents: z.number().int(),
  sales: z.strictObject({
    bucket: z.enum(['hour', 'day']),
    timezone: z.string(),
    points: z.array(z.strictObject({ at: instant, tickets: z.number().int(), revenueCents: z.number().int() })),
  }),
  sections: z.array(z.strictObject({
    id: uuid, name: z.string(), kind: sectionKind, capacity: z.number().int(), sold: z.number().int(), held: z.number().int(),
    available: z.number().int(), revenueCents: z.number().int(), dueCents: z.number().int(),
  })),
  ticketTypes: z.array(z.strictObject({ id: uuid, sectionId: uuid, name: z.string(), sold: z.number().int(), revenueCents: z.number().int() })),
  promoCodes: z.array(z.strictObject({
    id: uuid, code: z.string(), kind: z.string(), bookings: z.number().int(), tickets: z.number().int(),
    revenueCents: z.number().int(), discountCents: z.number().int(),
  })),
  holds: z.strictObject({ created: z.number().int(), converted: z.number().int(), conversion: z.number() }),
  waitlist: z.strictObject({ waiting: z.number().int(), offered: z.number().int() }),
  checkIn: z.strictObject({ checkedIn: z.number().int(), sold: z.number().int() }),
}).meta({ id: 'Dashboard' })

export const attendeeResponse = z.strictObject({
  ticketId: uuid,
  ticketCode: z.string(),
  bookingId: uuid,
  holder: z.strictObject({ name: z.string(), email: z.string().optional() }),
  seat: z.strictObject({ label: z.string(), row: z.string().nullable(), number: z.number().int().nullable() }),
  section: z.strictObject({ name: z.string(), kind: sectionKind }),
  ticketType: z.strictObject({ name: z.string() }),
  promoCode: z.string().nullable(),
  bookingReference: z.string(),
  payment: z.strictObject({ status: z.string(), amount: money }),
  answers: z.record(z.string(), answerValue),
  due: money,
  checkedInAt: instant.nullable(),
}).meta({ id: 'Attendee' })

export const adminEventResponse = z.strictObject({
  id: uuid,
  title: z.string(),
  status: z.enum(['DRAFT', 'PUBLISHED', 'CANCELLED']),
  startsAt: instant,
  timezone: z.string(),
  city: z.string(),
  organiser: z.strictObject({ id: uuid, name: z.string(), email: z.string() }),
  disabledAt: instant.nullable(),
}).meta({ id: 'AdminEvent' })

export const adminUserResponse = z.strictObject({
  id: uuid,
  name: z.string(),
  email: z.string(),
  role: z.enum(['USER', 'ADMIN']),
  disabledAt: instant.nullable(),
}).meta({ id: 'AdminUser' })

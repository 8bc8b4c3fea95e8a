import { z } from 'zod'
import { instant, money, page, seatMapSection, sectionKind, uuid, venue } from './common'

const eventStatus = z.enum(['DRAFT', 'PUBLISHED', 'CANCELLED'])
const availability = z.strictObject({ available: z.number().int(), total: z.number().int() })

export const eventSummaryResponse = z.strictObject({
  id: uuid,
  title: z.string(),
  category: z.string(),
  status: eventStatus,
  startsAt: instant,
  endsAt: instant,
  timezone: z.string(),
  venue,
  priceFrom: money.nullable(),
  availability,
}).meta({ id: 'EventSummary' })

export const eventPageResponse = page(eventSummaryResponse)

export const ticketTypeResponse = z.strictObject({
  id: uuid,
  name: z.string(),
  price: money,
  description: z.string().nullable(),
  salesStart: instant.nullable(),
  salesEnd: instant.nullable(),
  maxPerOrder: z.number().int().nullable(),
  quota: z.number().int().nullable(),
  hidden: z.boolean(),
  available: z.number().int(),
  state: z.enum(['ON_SALE', 'NOT_YET_ON_SALE', 'SALES_ENDED', 'SOLD_OUT']),
}).meta({ id: 'TicketType' })

const section = z.strictObject({
  id: uuid,
  name: z.string(),
  kind: sectionKind,
  price: money,
  ticketTypes: z.array(ticketTypeResponse),
  capacity: z.number().int(),
  available: z.number().int(),
  entrance: z.string().nullable(),
  rows: z.number().int().nullable(),
  seatsPerRow: z.number().int().nullable(),
}).meta({ id: 'Section' })

const waitingRoom = z.strictObject({
  enabled: z.boolean(),
  highDemand: z.boolean(),
  opensAt: instant,
  salesStartAt: instant,
  admitPerMinute: z.number().int().nullable(),
  phase: z.enum(['PENDING', 'OPEN', 'SELLING', 'CLOSED']),
  commitment: z.string(),
})

export const eventDetailResponse = z.strictObject({
  id: uuid,
  title: z.string(),
  description: z.string(),
  category: z.string(),
  status: eventStatus,
  startsAt: instant,
  endsAt: instant,
  timezone: z.string(),
  holdMinutes: z.number().int(),
  venue,
  imageUrl: z.string().nullable(),
  publishedAt: instant.nullable(),
  cancelledAt: instant.nullable(),
  organiser: z.strictObject({ id: uuid, name: z.string() }),
  waitingRoom: waitingRoom.nullable().optional(),
  sections: z.array(section),
  availability,
  priceFrom: money.nullable(),
  paymentMethods: z.array(z.enum(['card', 'venue'])),
  refundPolicy: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('NONE') }),
    z.strictObject({ kind: z.literal('UNTIL_HOURS_BEFORE'), hours: z.number().int() }),
  ]),
  taxRatePercent: z.number(),
  sellerDetails: z.string(),
}).meta({ id: 'EventDetail' })

const seat = z.strictObject({
  id: uuid,
  label: z.string(),
  row: z.string().nullable(),
  number: z.number().int().nullable(),
  x: z.number().nullable(),
  y: z.number().nullable(),
  status: z.enum(['AVAILABLE', 'HELD', 'BOOKED']),
})

export const seatMapResponse = z.strictObject({
  eventId: uuid,
  sections: z.array(seatMapSection.extend({
    available: z.number().int(),
    rows: z.array(z.strictObject({ label: z.string(), seats: z.array(seat) })),
  })),
}).meta({ id: 'SeatMap' })

export const organiserEventResponse = eventSummaryResponse.extend({
  role: z.enum(['ORGANISER', 'CO_ORGANISER', 'CHECKIN']),
  sold: z.number().int(),
  held: z.number().int(),
  available: z.number().int(),
  revenue: money.nullable(),
  due: money.nullable(),
  refunded: money.nullable(),
}).meta({ id: 'OrganiserEvent' })

export const organiserEventPageResponse = page(organiserEventResponse)

export const auditEntryResponse = z.strictObject({
  id: uuid,
  action: z.string(),
  actor: z.strictObject({ id: uuid, name: z.string() }).nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: instant,
}).meta({ id: 'AuditEntry' })

export const auditPageResponse = page(auditEntryResponse)

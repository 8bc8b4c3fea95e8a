import type { Db } from '../../db/client.ts'
import type { BookingDto } from '../../../shared/types/booking.ts'
import { attendeeAnswers, orderAnswers } from '../pricing/answers.ts'
import { DomainError } from '../errors.ts'
import { bookingPaymentDto, refundableUntil } from '../payments/payment-dto.ts'

const include = {
  event: {
    select: {
      id: true, title: true, startsAt: true, endsAt: true, timezone: true, venueName: true, venueAddress: true, city: true, status: true,
      refundPolicy: true, refundHours: true,
    },
  },
  // Tickets of one confirmation share their createdAt (one createMany): then by section and seat, as
  // the hold lists them, not in whatever order the rows happen to come back.
  tickets: { orderBy: [{ createdAt: 'asc' as const }, { place: { section: { name: 'asc' as const } } }, { place: { rowLabel: 'asc' as const } }, { place: { number: 'asc' as const } }], include: { ticketType: { select: { id: true, name: true } }, place: { include: { section: { select: { id: true, name: true, kind: true, entrance: true } } } } } },
  refunds: { orderBy: { createdAt: 'asc' as const } },
  invoices: { where: { kind: 'INVOICE' as const }, select: { kind: true, number: true } },
}

type Row = NonNullable<Awaited<ReturnType<typeof findRow>>>

function findRow(db: Db, where: { id: string, userId: string }) {
  return db.booking.findFirst({ where, include })
}

function toBookingDto(b: Row): BookingDto {
  return {
    id: b.id,
    reference: b.reference,
    status: b.status,
    event: {
      id: b.event.id, title: b.event.title, startsAt: b.event.startsAt.toISOString(), endsAt: b.event.endsAt.toISOString(),
      timezone: b.event.timezone, status: b.event.status, venue: { name: b.event.venueName, address: b.event.venueAddress, city: b.event.city },
    },
    total: { amountCents: b.totalCents, currency: b.currency },
    discount: { amountCents: b.discountCents, currency: b.currency },
    answers: orderAnswers(b.answers),
    payment: bookingPaymentDto(b),
    createdAt: b.createdAt.toISOString(),
    cancelledAt: b.cancelledAt?.toISOString() ?? null,
    cancelReason: b.cancelReason,
    refundableUntil: refundableUntil(b, b.event),
    tickets: b.tickets
      .filter(t => b.status === 'CANCELLED' || t.voidedAt === null)
      .map(t => ({
        id: t.id,
        code: t.code,
        valid: t.voidedAt === null && b.status === 'CONFIRMED',
        placeId: t.placeId,
        label: t.place.label,
        row: t.place.rowLabel,
        number: t.place.number,
        section: { id: t.place.section.id, name: t.place.section.name, kind: t.place.section.kind, entrance: t.place.section.entrance },
        ticketType: { id: t.ticketType.id, name: t.ticketType.name },
        unitPrice: { amountCents: t.unitPriceCents, currency: b.currency },
        discount: { amountCents: t.discountCents, currency: b.currency },
        price: { amountCents: t.priceCents, currency: b.currency },
        answers: attendeeAnswers(b.answers, t.placeId),
        checkedInAt: t.checkedInAt?.toISOString() ?? null,
      })),
  }
}

/** Any booking by id, for callers already allowed to see it (its event's organisers). */
export async function loadBookingById(db: Db, bookingId: string): Promise<BookingDto> {
  const row = await db.booking.findUnique({ where: { id: bookingId }, include })
  if (!row) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  return toBookingDto(row)
}

/** The caller's booking; someone else's is "not found", never "forbidden" (invariant 4). */
export async function loadBooking(db: Db, bookingId: string, userId: string): Promise<BookingDto> {
  const row = /^[0-9a-f-]{36}$/i.test(bookingId) ? await findRow(db, { id: bookingId, userId }) : null
  if (!row) throw new DomainError('NOT_FOUND', 'There is no such booking.')
  return toBookingDto(row)
}

export async function listBookings(db: Db, userId: string, page: number, pageSize: number) {
  const where = { userId }
  const [total, rows] = await Promise.all([
    db.booking.count({ where }),
    db.booking.findMany({ where, include, orderBy: { createdAt: 'desc' }, skip: (page - 1) * pageSize, take: pageSize }),
  ])
  return { items: rows.map(toBookingDto), page, pageSize, total }
}

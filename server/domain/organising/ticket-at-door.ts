// A ticket as the door sees it: valid (booking confirmed, ticket not voided) and of this event, with
// seat, holder and what is still to pay (the booking's tickets are counted for "2 of 3 in"). Anything else — a voided ticket, another event's ticket, a
// made-up code — is simply not found. What is due is counted per ticket (its own price) and per
// booking (its total, once), only while the booking is still to be paid at the venue.
import type { Db, Prisma } from '../../db/client.ts'
import type { CheckInBookingDto, CheckInResultDto, PaymentAtDoorDto } from '../../../shared/types/organising.ts'
import type { Money } from '../../../shared/types/event.ts'

type Reader = Db | Prisma.TransactionClient

export interface DoorTicket {
  id: string
  code: string
  checkedInAt: Date | null
  checkedInBy: string | null
  seat: CheckInResultDto['seat']
  holder: { name: string }
  bookingReference: string
  payment: PaymentAtDoorDto
  due: Money
  booking: CheckInBookingDto
}

interface DoorRow {
  id: string
  code: string
  checked_in_at: Date | null
  checked_in_by: string | null
  label: string
  row_label: string | null
  number: number | null
  section: string
  entrance: string | null
  holder: string
  reference: string
  payment_status: string
  total_cents: number
  currency: string
  booking_id: string
  price_cents: number
  tickets: number
  checked_in: number
}

export async function findDoorTicket(db: Reader, eventId: string, code: string, lock = false): Promise<DoorTicket | undefined> {
  const query = lock
    ? db.$queryRaw<DoorRow[]>`
      SELECT t.id, t.code, t.checked_in_at, NULL::text AS checked_in_by, p.label, p.row_label, p.number, s.name AS section, s.entrance,
             u.name AS holder, b.reference, b.payment_status::text AS payment_status, b.total_cents, b.currency,
             b.id AS booking_id, t.price_cents,
             (SELECT count(*)::int FROM tickets bt WHERE bt.booking_id = b.id AND bt.voided_at IS NULL) AS tickets,
             (SELECT count(*)::int FROM tickets bt WHERE bt.booking_id = b.id AND bt.voided_at IS NULL AND bt.checked_in_at IS NOT NULL) AS checked_in
        FROM tickets t JOIN bookings b ON b.id = t.booking_id JOIN users u ON u.id = b.user_id
        JOIN places p ON p.id = t.place_id JOIN sections s ON s.id = p.section_id
       WHERE t.code = ${code} AND b.event_id = ${eventId}::uuid AND b.status = 'CONFIRMED' AND t.voided_at IS NULL
         FOR UPDATE OF t`
    : db.$queryRaw<DoorRow[]>`
      SELECT t.id, t.code, t.checked_in_at, cu.name AS checked_in_by, p.label, p.row_label, p.number, s.name AS section, s.entrance,
             u.name AS holder, b.reference, b.payment_status::text AS payment_status, b.total_cents, b.currency,
             b.id AS booking_id, t.price_cents,
             (SELECT count(*)::int FROM tickets bt WHERE bt.booking_id = b.id AND bt.voided_at IS NULL) AS tickets,
             (SELECT count(*)::int FROM tickets bt WHERE bt.booking_id = b.id AND bt.voided_at IS NULL AND bt.checked_in_at IS NOT NULL) AS checked_in
        FROM tickets t JOIN bookings b ON b.id = t.booking_id JOIN users u ON u.id = b.user_id
        JOIN places p ON p.id = t.place_id JOIN sections s ON s.id = p.section_id
        LEFT JOIN users cu ON cu.id = t.checked_in_by_id
       WHERE t.code = ${code} AND b.event_id = ${eventId}::uuid AND b.status = 'CONFIRMED' AND t.voided_at IS NULL`
  const [r] = await query
  if (!r) return undefined
  return {
    id: r.id,
    code: r.code,
    checkedInAt: r.checked_in_at,
    checkedInBy: r.checked_in_by,
    seat: { label: r.label, row: r.row_label, number: r.number, section: r.section, entrance: r.entrance },
    holder: { name: r.holder },
    bookingReference: r.reference,
    payment: { status: r.payment_status, amount: { amountCents: r.total_cents, currency: r.currency } },
    due: { amountCents: dueAtDoor(r.payment_status, r.price_cents), currency: r.currency },
    booking: {
      id: r.booking_id, reference: r.reference, tickets: r.tickets, checkedIn: r.checked_in,
      due: { amountCents: dueAtDoor(r.payment_status, r.total_cents), currency: r.currency },
    },
  }
}

/** Money the door still collects: all of it while the booking is DUE_AT_VENUE, none otherwise. */
export function dueAtDoor(paymentStatus: string, cents: number): number {
  return paymentStatus === 'DUE_AT_VENUE' ? cents : 0
}

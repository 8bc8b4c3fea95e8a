// A ticket as the door sees it: valid (booking confirmed, ticket not voided) and of this event, with
// seat, holder and what is still to pay. Anything else — a voided ticket, another event's ticket, a
// made-up code — is simply not found.
import type { Db, Prisma } from '../../db/client.ts'
import type { CheckInResultDto, PaymentAtDoorDto } from '../../../shared/types/organising.ts'

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
}

export async function findDoorTicket(db: Reader, eventId: string, code: string, lock = false): Promise<DoorTicket | undefined> {
  const query = lock
    ? db.$queryRaw<DoorRow[]>`
      SELECT t.id, t.code, t.checked_in_at, NULL::text AS checked_in_by, p.label, p.row_label, p.number, s.name AS section, s.entrance,
             u.name AS holder, b.reference, b.payment_status::text AS payment_status, b.total_cents, b.currency
        FROM tickets t JOIN bookings b ON b.id = t.booking_id JOIN users u ON u.id = b.user_id
        JOIN places p ON p.id = t.place_id JOIN sections s ON s.id = p.section_id
       WHERE t.code = ${code} AND b.event_id = ${eventId}::uuid AND b.status = 'CONFIRMED' AND t.voided_at IS NULL
         FOR UPDATE OF t`
    : db.$queryRaw<DoorRow[]>`
      SELECT t.id, t.code, t.checked_in_at, cu.name AS checked_in_by, p.label, p.row_label, p.number, s.name AS section, s.entrance,
             u.name AS holder, b.reference, b.payment_status::text AS payment_status, b.total_cents, b.currency
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
  }
}

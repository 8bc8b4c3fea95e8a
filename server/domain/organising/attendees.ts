// GET /api/events/:id/attendees: the valid tickets of an event with their holders, searchable by
// name, e-mail, booking reference or seat label. The CSV export writes an audit row: it takes
// people's personal data off the platform. Check-in staff get the door's list: names, places, codes
// and what is due, but no e-mail addresses (not shown, not searchable).
import type { Db } from '../../db/client.ts'
import type { AttendeesQuery } from '../../../shared/schemas/organising.ts'
import type { Page } from '../../../shared/types/event.ts'
import type { AttendeeDto } from '../../../shared/types/organising.ts'
import { attendeesCsv, csvFileName } from './attendees-csv.ts'
import { attendeeAnswers, orderAnswers } from '../pricing/answers.ts'
import { eventQuestions } from '../pricing/questions.ts'
import { audit } from './audit-log.ts'
import { requireEventRole, ROLES, type EventCaller } from './event-roles.ts'
import { dueAtDoor } from './ticket-at-door.ts'

interface AttendeeRow {
  ticket_id: string
  code: string
  booking_id: string
  name: string
  email: string
  label: string
  row_label: string | null
  number: number | null
  section: string
  kind: 'SEATED' | 'GA'
  reference: string
  payment_status: string
  price_cents: number
  currency: string
  ticket_type: string
  promo_code: string | null
  place_id: string
  answers: unknown
  checked_in_at: Date | null
  total: bigint
}

/** `%` and `_` typed by the organiser are literal characters, not wildcards. */
function likePattern(q: string | undefined): string | null {
  return q ? `%${q.replace(/[\\%_]/g, m => `\\${m}`)}%` : null
}

async function attendeeRows(db: Db, eventId: string, q: string | undefined, limit: number | null, offset: number, byEmail = true): Promise<AttendeeRow[]> {
  const pattern = likePattern(q)
  return db.$queryRaw<AttendeeRow[]>`
    SELECT t.id AS ticket_id, t.code, b.id AS booking_id, u.name, u.email, p.label, p.row_label, p.number, s.name AS section, s.kind::text AS kind,
           b.reference, b.payment_status::text AS payment_status, t.price_cents, b.currency, t.checked_in_at,
           tt.name AS ticket_type, pc.code AS promo_code, t.place_id, b.answers,
           count(*) OVER () AS total
      FROM tickets t
      JOIN bookings b ON b.id = t.booking_id
      JOIN users u ON u.id = b.user_id
      JOIN places p ON p.id = t.place_id
      JOIN sections s ON s.id = p.section_id
      JOIN ticket_types tt ON tt.id = t.ticket_type_id
      LEFT JOIN promo_codes pc ON pc.id = b.promo_code_id
     WHERE b.event_id = ${eventId}::uuid AND b.status = 'CONFIRMED' AND t.voided_at IS NULL
       AND (${pattern}::text IS NULL OR u.name ILIKE ${pattern} OR (${byEmail} AND u.email ILIKE ${pattern}) OR b.reference ILIKE ${pattern} OR p.label ILIKE ${pattern})
     ORDER BY lower(u.name), b.reference, s.sort_order, p.row_label NULLS LAST, p.number
     LIMIT ${limit} OFFSET ${offset}`
}

function toDto(r: AttendeeRow, withEmail = true): AttendeeDto {
  return {
    ticketId: r.ticket_id,
    ticketCode: r.code,
    bookingId: r.booking_id,
    holder: withEmail ? { name: r.name, email: r.email } : { name: r.name },
    seat: { label: r.label, row: r.row_label, number: r.number },
    section: { name: r.section, kind: r.kind },
    ticketType: { name: r.ticket_type },
    promoCode: r.promo_code,
    bookingReference: r.reference,
    answers: { ...orderAnswers(r.answers), ...attendeeAnswers(r.answers, r.place_id) },
    payment: { status: r.payment_status, amount: { amountCents: r.price_cents, currency: r.currency } },
    due: { amountCents: dueAtDoor(r.payment_status, r.price_cents), currency: r.currency },
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
  }
}

export async function listAttendees(db: Db, eventId: string, caller: EventCaller, query: AttendeesQuery): Promise<Page<AttendeeDto>> {
  const { roles } = await requireEventRole(db, eventId, caller, ROLES.attendeeList)
  const withEmail = roles.some(r => ROLES.read.includes(r as never))
  const rows = await attendeeRows(db, eventId, query.q, query.pageSize, (query.page - 1) * query.pageSize, withEmail)
  return { items: rows.map(r => toDto(r, withEmail)), page: query.page, pageSize: query.pageSize, total: Number(rows[0]?.total ?? 0) }
}

export async function exportAttendees(db: Db, eventId: string, caller: EventCaller, q: string | undefined): Promise<{ fileName: string, csv: string }> {
  const { event } = await requireEventRole(db, eventId, caller, ROLES.read)
  const rows = await attendeeRows(db, eventId, q, null, 0)
  await audit(db, { actorId: caller.userId, eventId, action: 'attendees.exported', data: { rows: rows.length, ...(q ? { q } : {}) } })
  return { fileName: csvFileName(event.title), csv: attendeesCsv(rows.map(r => toDto(r)), await eventQuestions(db, eventId)) }
}

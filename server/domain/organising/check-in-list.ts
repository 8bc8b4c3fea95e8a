// GET /api/events/:id/checkin/list: every valid ticket of the event, compact, for a door phone to
// validate scans while offline. The ETag is a hash of the content, so a phone re-downloading an
// unchanged list gets 304.
import { createHash } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import type { CheckInListDto, CheckInListTicket } from '../../../shared/types/organising.ts'
import { requireEventRole, ROLES, type EventCaller } from './event-roles.ts'

interface ListRow {
  code: string
  label: string
  section: string
  holder: string
  checked_in_at: Date | null
}

interface CheckInList {
  etag: string
  body: CheckInListDto
}

export async function checkInList(db: Db, eventId: string, caller: EventCaller, now = new Date()): Promise<CheckInList> {
  await requireEventRole(db, eventId, caller, ROLES.door)
  const rows = await db.$queryRaw<ListRow[]>`
    SELECT t.code, p.label, s.name AS section, u.name AS holder, t.checked_in_at
      FROM tickets t JOIN bookings b ON b.id = t.booking_id JOIN users u ON u.id = b.user_id
      JOIN places p ON p.id = t.place_id JOIN sections s ON s.id = p.section_id
     WHERE b.event_id = ${eventId}::uuid AND b.status = 'CONFIRMED' AND t.voided_at IS NULL
     ORDER BY t.code`
  const tickets = rows.map((r): CheckInListTicket => ({
    code: r.code, seat: r.label, section: r.section, holder: r.holder, checkedInAt: r.checked_in_at?.toISOString() ?? null,
  }))
  const etag = `"${createHash('sha256').update(JSON.stringify(tickets)).digest('base64url').slice(0, 27)}"`
  return { etag, body: { eventId, generatedAt: now.toISOString(), tickets } }
}

// GET /api/events/:id/seats: every seat of the seated sections with its status right now, read in
// one query however large the event (a 5,000-seat hall is one round trip, not one per row).
import type { Db } from '../../db/client.ts'
import type { PlaceStatus, SeatDto, SeatMapDto, SeatMapSectionDto } from '../../../shared/types/event.ts'
import { loadVisibleEvent, type EventCaller } from './access.ts'
import { availabilityBySection, priceOf } from './event-detail.ts'

interface SeatRow {
  id: string
  section_id: string
  label: string
  row_label: string | null
  number: number | null
  x: number | null
  y: number | null
  status: PlaceStatus
}

/**
 * Seats of the event's seated sections in row-then-seat order, with lazily expired holds as free.
 * The seat order is the one seat-geometry.ts and seat-availability.ts use too (keep them alike).
 */
async function seatRows(db: Db, eventId: string): Promise<SeatRow[]> {
  return db.$queryRaw<SeatRow[]>`
    SELECT p.id, p.section_id, p.label, p.row_label, p.number, p.x, p.y,
           CASE WHEN p.booking_id IS NOT NULL THEN 'BOOKED'
                WHEN p.hold_id IS NOT NULL AND p.held_until > now() THEN 'HELD'
                ELSE 'AVAILABLE' END AS status
      FROM places p
      JOIN sections s ON s.id = p.section_id
     WHERE p.event_id = ${eventId}::uuid AND s.kind = 'SEATED'
     ORDER BY p.section_id, p.y NULLS LAST, length(p.row_label), p.row_label, p.number, p.id`
}

export async function getSeatMap(db: Db, eventId: string, caller: EventCaller | undefined): Promise<SeatMapDto> {
  await loadVisibleEvent(db, eventId, caller)
  const [sections, seats, counts] = await Promise.all([
    db.section.findMany({ where: { eventId }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
    seatRows(db, eventId),
    availabilityBySection(db, eventId),
  ])
  const rowsBySection = new Map<string, Map<string, SeatDto[]>>()
  for (const seat of seats) {
    let rows = rowsBySection.get(seat.section_id)
    if (!rows) rowsBySection.set(seat.section_id, (rows = new Map()))
    const rowLabel = seat.row_label ?? ''
    let row = rows.get(rowLabel)
    if (!row) rows.set(rowLabel, (row = []))
    row.push({ id: seat.id, label: seat.label, row: seat.row_label, number: seat.number, x: seat.x, y: seat.y, status: seat.status })
  }
  return {
    eventId,
    sections: sections.map((s): SeatMapSectionDto => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      price: priceOf(s),
      capacity: s.capacity,
      available: counts.get(s.id)?.available ?? 0,
      rows: [...(rowsBySection.get(s.id) ?? new Map<string, SeatDto[]>())].map(([label, rowSeats]) => ({ label, seats: rowSeats })),
    })),
  }
}

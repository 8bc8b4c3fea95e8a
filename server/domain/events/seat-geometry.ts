// GET /api/events/:id/seats/geometry: sections, rows, seats, positions and labels — what changes
// only when the organiser edits the event. Its version is the hash of its body, so a versioned URL
// names one body forever and may be cached as immutable.
import type { Db } from '../../db/client.ts'
import type { GeometrySeatDto, GeometrySectionDto, SeatGeometryDto } from '../../../shared/types/seat-map.ts'
import { loadVisibleEvent, type EventCaller } from './access.ts'
import { priceOf } from './event-detail.ts'

interface GeometryRow {
  id: string
  section_id: string
  label: string
  row_label: string | null
  number: number | null
  x: number | null
  y: number | null
}

export async function getSeatGeometry(db: Db, eventId: string, caller: EventCaller | undefined): Promise<SeatGeometryDto> {
  await loadVisibleEvent(db, eventId, caller)
  const [sections, seats] = await Promise.all([
    db.section.findMany({ where: { eventId }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] }),
    // The seat order of seat-map.ts and seat-availability.ts.
    db.$queryRaw<GeometryRow[]>`
      SELECT p.id, p.section_id, p.label, p.row_label, p.number, p.x, p.y
        FROM places p
        JOIN sections s ON s.id = p.section_id
       WHERE p.event_id = ${eventId}::uuid AND s.kind = 'SEATED'
       ORDER BY p.section_id, p.y NULLS LAST, length(p.row_label), p.row_label, p.number, p.id`,
  ])
  const rowsBySection = new Map<string, Map<string, GeometrySeatDto[]>>()
  for (const seat of seats) {
    let rows = rowsBySection.get(seat.section_id)
    if (!rows) rowsBySection.set(seat.section_id, (rows = new Map()))
    const rowLabel = seat.row_label ?? ''
    let row = rows.get(rowLabel)
    if (!row) rows.set(rowLabel, (row = []))
    row.push({ id: seat.id, label: seat.label, number: seat.number, x: seat.x, y: seat.y })
  }
  return {
    eventId,
    sections: sections.map((s): GeometrySectionDto => ({
      id: s.id,
      name: s.name,
      kind: s.kind,
      price: priceOf(s),
      capacity: s.capacity,
      rows: [...(rowsBySection.get(s.id) ?? new Map<string, GeometrySeatDto[]>())].map(([label, rowSeats]) => ({ label, seats: rowSeats })),
    })),
  }
}

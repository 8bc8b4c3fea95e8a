// GET /api/events/:id/seats/availability: every seat's status now, packed 2 bits a seat in the
// geometry's seat order, plus counts per section — a few KB for an arena, read in two queries.
import type { Db } from '../../db/client.ts'
import type { PlaceStatus } from '../../../shared/types/event.ts'
import type { SeatAvailabilityDto, SectionAvailabilityDto } from '../../../shared/types/seat-map.ts'
import { encodeStatuses } from '../../../shared/seat-map/status-codec.ts'
import { loadVisibleEvent, type EventCaller } from './access.ts'
import { availabilityBySection } from './event-detail.ts'

const STATUS_OF: Record<string, PlaceStatus> = { A: 'AVAILABLE', H: 'HELD', B: 'BOOKED' }

/** `geometryVersion` is the version of the geometry the caller read the seat order from. */
export async function getSeatAvailability(db: Db, eventId: string, caller: EventCaller | undefined, geometryVersion: string): Promise<SeatAvailabilityDto> {
  await loadVisibleEvent(db, eventId, caller)
  const [sections, counts, statuses] = await Promise.all([
    db.section.findMany({ where: { eventId }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { id: true, kind: true } }),
    availabilityBySection(db, eventId),
    // One letter a seat in the seat order of seat-map.ts and seat-geometry.ts (lazy expiry: a lapsed hold is free).
    db.$queryRaw<{ section_id: string, statuses: string }[]>`
      SELECT p.section_id,
             string_agg(CASE WHEN p.booking_id IS NOT NULL THEN 'B'
                             WHEN p.hold_id IS NOT NULL AND p.held_until > now() THEN 'H'
                             ELSE 'A' END, ''
                        ORDER BY p.y NULLS LAST, length(p.row_label), p.row_label, p.number, p.id) AS statuses
        FROM places p
        JOIN sections s ON s.id = p.section_id
       WHERE p.event_id = ${eventId}::uuid AND s.kind = 'SEATED'
       GROUP BY p.section_id`,
  ])
  const bySection = new Map(statuses.map(r => [r.section_id, r.statuses]))
  let available = 0
  let total = 0
  const dtos = sections.map((s): SectionAvailabilityDto => {
    const c = counts.get(s.id) ?? { available: 0, total: 0 }
    available += c.available
    total += c.total
    const letters = bySection.get(s.id)
    return s.kind === 'SEATED'
      ? { id: s.id, available: c.available, total: c.total, statuses: encodeStatuses([...letters ?? ''].map(l => STATUS_OF[l] ?? 'BOOKED')) }
      : { id: s.id, available: c.available, total: c.total }
  })
  return { eventId, geometryVersion, available, total, sections: dtos }
}

// The v1 seat-map shape (sections → rows → seats with statuses) from the v1.1 halves: the geometry
// (long-cached) and the availability document (at most a second old). The browser's seat map
// draws from this, so it kept its shape when it moved to the split resources.
import type { SeatMapDto, SeatMapSectionDto } from '../types/event'
import type { SeatAvailabilityDto, SeatGeometryDto } from '../types/seat-map'
import { decodeStatuses } from './status-codec'

export function mergeSeatMap(geometry: SeatGeometryDto, availability: SeatAvailabilityDto): SeatMapDto {
  const counts = new Map(availability.sections.map(s => [s.id, s]))
  return {
    eventId: geometry.eventId,
    sections: geometry.sections.map((section): SeatMapSectionDto => {
      const live = counts.get(section.id)
      const seatCount = section.rows.reduce((n, r) => n + r.seats.length, 0)
      // A section the availability does not know yet (an edit on its way) sells nothing until it does.
      const statuses = live?.statuses !== undefined ? decodeStatuses(live.statuses, seatCount) : Array.from({ length: seatCount }, () => 'BOOKED' as const)
      let i = 0
      return {
        id: section.id,
        name: section.name,
        kind: section.kind,
        price: section.price,
        capacity: section.capacity,
        available: live?.available ?? 0,
        rows: section.rows.map(row => ({
          label: row.label,
          seats: row.seats.map(seat => ({ ...seat, row: row.label === '' ? null : row.label, status: statuses[i++]! })),
        })),
      }
    }),
  }
}

// The seat map split in two (API v1.1): the geometry, which changes only when the organiser edits
// the event, as a versioned immutable resource, and the availability, which changes with every
// hold, as a compact document the live stream keeps current.
import type { Money, SectionKind } from './event'

export interface GeometrySeatDto {
  id: string
  label: string
  number: number | null
  x: number | null
  y: number | null
}

export interface GeometrySectionDto {
  id: string
  name: string
  kind: SectionKind
  price: Money
  capacity: number
  /** Rows in drawing order, seats in seat order; empty for general admission. */
  rows: { label: string, seats: GeometrySeatDto[] }[]
}

/** GET /api/events/:id/seats/geometry: the same body for as long as its version stands. */
export interface SeatGeometryDto {
  eventId: string
  sections: GeometrySectionDto[]
}

export interface SectionAvailabilityDto {
  id: string
  available: number
  total: number
  /**
   * Seated sections: every seat's status in the geometry's seat order (rows in order, seats in
   * order), 2 bits a seat packed 4 to a byte, base64 (shared/seat-map/status-codec.ts). GA: absent.
   */
  statuses?: string
}

/** GET /api/events/:id/seats/availability: statuses and counts now (cached at most a second). */
export interface SeatAvailabilityDto {
  eventId: string
  /** The geometry these statuses are in the order of: GET …/seats/geometry?v=<geometryVersion>. */
  geometryVersion: string
  available: number
  total: number
  sections: SectionAvailabilityDto[]
}

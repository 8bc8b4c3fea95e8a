// Turns a section's shape into the places to create, one row per sellable place (invariant 1).
// Pure and framework-free: event creation, the seed and tests all derive inventory from here.
import { DomainError } from '../errors.ts'

export type SectionKind = 'SEATED' | 'GA'

export interface SectionSpec {
  name: string
  kind: SectionKind
  rows?: number | null
  seatsPerRow?: number | null
  capacity?: number | null
}

export interface PlannedPlace {
  label: string
  rowLabel: string | null
  number: number
  x: number | null
  y: number | null
}

const INVENTORY_LIMITS = { maxRows: 52, maxSeatsPerRow: 100, maxGaCapacity: 100_000 } as const

/** Seat-map geometry in SVG user units: seat centres SEAT_PITCH apart, rows ROW_PITCH apart. */
export const SEAT_PITCH = 24
export const ROW_PITCH = 28
/** Rows at least this wide get a centre aisle, as real venues do, so the map is readable. */
const AISLE_MIN_SEATS = 16
export const AISLE_GAP = SEAT_PITCH

/** Row letters A..Z, then AA, AB, … (bijective base 26): index 0 → "A", 26 → "AA". */
export function rowLabel(index: number): string {
  let label = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    label = String.fromCharCode(65 + ((n - 1) % 26)) + label
  }
  return label
}

function wholeNumber(value: number | null | undefined, field: string, max: number, section: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new DomainError('VALIDATION_FAILED', `Section "${section}": ${field} must be a whole number from 1 to ${max}.`, { field, max })
  }
  return value
}

/** Checks the spec and returns its capacity: rows × seats for SEATED, the stated capacity for GA. */
export function sectionCapacity(spec: SectionSpec): number {
  if (spec.kind === 'GA') return wholeNumber(spec.capacity, 'capacity', INVENTORY_LIMITS.maxGaCapacity, spec.name)
  if (spec.kind !== 'SEATED') throw new DomainError('VALIDATION_FAILED', `Section "${spec.name}": kind must be SEATED or GA.`, { field: 'kind' })
  const rows = wholeNumber(spec.rows, 'rows', INVENTORY_LIMITS.maxRows, spec.name)
  const seats = wholeNumber(spec.seatsPerRow, 'seatsPerRow', INVENTORY_LIMITS.maxSeatsPerRow, spec.name)
  const capacity = rows * seats
  // A seated capacity is derived; a different stated one means the caller's form is inconsistent.
  if (spec.capacity != null && spec.capacity !== capacity) {
    throw new DomainError('VALIDATION_FAILED', `Section "${spec.name}": a seated section holds rows × seats per row (${capacity}), not ${spec.capacity}.`, { field: 'capacity' })
  }
  return capacity
}

function seatX(number: number, seatsPerRow: number): number {
  const aisleAfter = seatsPerRow >= AISLE_MIN_SEATS ? Math.ceil(seatsPerRow / 2) : Infinity
  return (number - 1) * SEAT_PITCH + (number > aisleAfter ? AISLE_GAP : 0)
}

/** The places a section needs, in row-then-seat order (or unit order for GA). */
export function buildInventory(spec: SectionSpec): PlannedPlace[] {
  const capacity = sectionCapacity(spec)
  if (spec.kind === 'GA') {
    return Array.from({ length: capacity }, (_, i) => ({ label: `GA-${i + 1}`, rowLabel: null, number: i + 1, x: null, y: null }))
  }
  const seatsPerRow = spec.seatsPerRow as number
  const rows = capacity / seatsPerRow
  const places: PlannedPlace[] = []
  for (let row = 0; row < rows; row++) {
    const letters = rowLabel(row)
    for (let number = 1; number <= seatsPerRow; number++) {
      places.push({ label: `${letters}${number}`, rowLabel: letters, number, x: seatX(number, seatsPerRow), y: row * ROW_PITCH })
    }
  }
  return places
}

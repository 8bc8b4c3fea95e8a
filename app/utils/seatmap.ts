// Pure helpers of the seat map: how a seat is shown and said, and where each section is drawn.
import type { Money, SeatDto, SeatMapSectionDto } from '#shared/types/event'

/** What the buyer sees for one seat; `mine` is a seat in the buyer's own hold. */
export type SeatState = 'available' | 'selected' | 'mine' | 'held' | 'booked'

const SEAT_STATE_TEXT: Record<SeatState, string> = {
  available: 'available',
  selected: 'selected',
  mine: 'held for you',
  held: 'unavailable, held by someone',
  booked: 'unavailable, sold',
}

export function seatLabel(seat: SeatDto, price: Money, state: SeatState, locale?: string): string {
  const where = seat.row ? `Row ${seat.row} seat ${seat.number}` : `Seat ${seat.label}`
  return `${where}, ${formatMoney(price, locale)}, ${SEAT_STATE_TEXT[state]}`
}

/** Room above each section for its name, and to the left of each row for its letter (SVG units). */
const SECTION_HEADER = 34
const ROW_LABEL_WIDTH = 28
const SECTION_GAP = 18
/** The stage marker across the top of the map, as in the organiser's preview. */
export const STAGE_HEIGHT = 40
export const SEAT_RADIUS = 9
/** Each seat's tap area: the seat pitch (24 units), so neighbours never overlap and 1 unit ≥ 1 px keeps it ≥ 24 px. */
export const SEAT_HIT = 24

interface SectionLayout {
  section: SeatMapSectionDto
  /** Translation of the section's own seat coordinates. */
  dx: number
  dy: number
  width: number
}

interface SeatmapLayout {
  sections: SectionLayout[]
  width: number
  height: number
}

/** Seated sections stacked top to bottom (each section's seats start at 0,0), centred on the widest. */
export function layoutSeatmap(sections: SeatMapSectionDto[]): SeatmapLayout {
  const seated = sections.filter(s => s.kind === 'SEATED' && s.rows.length > 0)
  const extents = seated.map((section) => {
    const seats = section.rows.flatMap(r => r.seats)
    const maxX = Math.max(0, ...seats.map(s => s.x ?? 0))
    const maxY = Math.max(0, ...seats.map(s => s.y ?? 0))
    return { section, width: maxX + SEAT_RADIUS * 2, height: maxY + SEAT_RADIUS * 2 }
  })
  const width = ROW_LABEL_WIDTH * 2 + Math.max(0, ...extents.map(e => e.width))
  let y = STAGE_HEIGHT
  const laid = extents.map((e) => {
    const layout: SectionLayout = { section: e.section, dx: (width - e.width) / 2 + SEAT_RADIUS, dy: y + SECTION_HEADER + SEAT_RADIUS, width: e.width }
    y += SECTION_HEADER + e.height + SECTION_GAP
    return layout
  })
  return { sections: laid, width, height: Math.max(y - SECTION_GAP, 1) }
}

/** Rows of seats, top to bottom across all sections, for moving between them with the arrow keys. */
export function seatGrid(layout: SeatmapLayout): SeatDto[][] {
  return layout.sections.flatMap(s => s.section.rows.map(r => r.seats))
}

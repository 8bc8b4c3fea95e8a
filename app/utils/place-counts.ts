// Public pages are served to everyone from one cached copy (server/utils/page-cache.ts), so what the
// server renders carries no count of places left: those change every second during a sale. The
// server blanks them (null) before they reach the HTML or its payload; the browser asks for them
// once the page is interactive (the list again, an event's live stream) and shows them then.
import type { EventDetailDto, EventSummaryDto, Page, SectionDto } from '#shared/types/event'

export interface PlaceCounts {
  /** Null while unknown: rendered by the server, not yet asked in the browser. */
  available: number | null
  total: number
}

export type EventSummaryView = Omit<EventSummaryDto, 'availability'> & { availability: PlaceCounts }
export type SectionView = Omit<SectionDto, 'available'> & { available: number | null }
export type EventDetailView = Omit<EventDetailDto, 'availability' | 'sections'> & { availability: PlaceCounts, sections: SectionView[] }

/** On the server: the page of events without counts. In the browser: as it is. */
export function listWithoutCounts(page: Page<EventSummaryDto>): Page<EventSummaryView> {
  if (!import.meta.server) return page
  return { ...page, items: page.items.map(e => ({ ...e, availability: { available: null, total: e.availability.total } })) }
}

/** On the server: the event without counts. In the browser: as it is. */
export function eventWithoutCounts(event: EventDetailDto): EventDetailView {
  if (!import.meta.server) return event
  return {
    ...event,
    availability: { available: null, total: event.availability.total },
    sections: event.sections.map(s => ({ ...s, available: null })),
  }
}

/** True when some count is still unknown (the data came from the server render). */
export function countsPending(items: readonly { availability: PlaceCounts }[]): boolean {
  return items.some(i => i.availability.available === null)
}

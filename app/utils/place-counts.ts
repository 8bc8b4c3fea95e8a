// Public pages are served to everyone who is not signed in from one cached copy
// (server/utils/page-cache.ts), so what the server renders for them carries no count of places left:
// those change every second during a sale. The server blanks them (null) before they reach the HTML
// or its payload; the browser asks for them once the page is interactive (the list again, an event's
// live stream) and shows them then. A signed-in visitor's page is rendered for them and never cached
// (it has their name in the header anyway), so it keeps the counts: they show on first paint, and
// the copy kept on the device for offline use is complete at once.
import type { EventDetailDto, EventSummaryDto, Page, SectionDto } from '#shared/types/event'

export interface PlaceCounts {
  /** Null while unknown: rendered by the server, not yet asked in the browser. */
  available: number | null
  total: number
}

export type EventSummaryView = Omit<EventSummaryDto, 'availability'> & { availability: PlaceCounts }
export type SectionView = Omit<SectionDto, 'available'> & { available: number | null }
export type EventDetailView = Omit<EventDetailDto, 'availability' | 'sections'> & { availability: PlaceCounts, sections: SectionView[] }

/** True while rendering the copy shared by everyone (on the server, nobody signed in). */
export function useSharedRender(): boolean {
  return import.meta.server && !useSessionStore().user
}

export function listWithoutCounts(page: Page<EventSummaryDto>): Page<EventSummaryView> {
  return { ...page, items: page.items.map(e => ({ ...e, availability: { available: null, total: e.availability.total } })) }
}

export function eventWithoutCounts(event: EventDetailDto): EventDetailView {
  return {
    ...event,
    availability: { available: null, total: event.availability.total },
    sections: event.sections.map(s => ({ ...s, available: null })),
  }
}

/**
 * Asks for the page's data again once it is interactive, when the copy rendered by the server had no
 * counts (`pending`). After hydration, not on mount: while the page hydrates, useAsyncData's refresh()
 * answers from the payload without asking the server, and the counts never came.
 */
export function refreshCountsOnceInteractive(pending: () => boolean, refresh: () => Promise<unknown>): void {
  onNuxtReady(() => {
    if (pending()) void refresh()
  })
}

/** True when some count is still unknown (the data came from the server render). */
export function countsPending(items: readonly { availability: PlaceCounts }[]): boolean {
  return items.some(i => i.availability.available === null)
}

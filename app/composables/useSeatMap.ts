import type { PlaceStatus, SeatDto, SeatMapDto } from '#shared/types/event'
import type { LiveCountsDto, PlaceChangeDto } from '#shared/types/live'
import type { SeatAvailabilityDto, SeatGeometryDto } from '#shared/types/seat-map'
import { mergeSeatMap } from '#shared/seat-map/merge-seat-map'

/**
 * An event's seat map (server-rendered), kept current by the live availability stream: seats
 * change status one by one and section counts follow. `onTaken` hears of seats that stopped being
 * available, so the page can drop them from the buyer's choice. Call it before any await in setup.
 * `fromDevice` is true when the map is the snapshot kept on this device (offline).
 */
export function useSeatMap(eventId: string, onTaken: (seatIds: string[]) => void) {
  const api = useApi()
  const path = `/api/events/${encodeURIComponent(eventId)}/seats`
  // The availability (a few KB, at most a second old) names the geometry's version, whose URL the
  // browser and any CDN keep for good; a reload after a break fetches only the availability again.
  async function load(): Promise<SeatMapDto> {
    const availability = await api<SeatAvailabilityDto>(`${path}/availability`)
    const geometry = await api<SeatGeometryDto>(`${path}/geometry`, { query: { v: availability.geometryVersion } })
    return mergeSeatMap(geometry, availability)
  }
  // Not awaited here: the live stream's lifecycle hooks must register before the first await.
  // Offline, the last snapshot this device saw (saved whenever the map loads) stands in.
  const { asyncData: loading, fromDevice } = useOfflineData(`seats-${eventId}`,
    load,
    { read: () => savedSeatMap(eventId), write: saveSeatMap }, { deep: true })
  const { data: seatMap, error, refresh } = loading

  const seats = computed(() => {
    const index = new Map<string, SeatDto>()
    for (const section of seatMap.value?.sections ?? []) for (const row of section.rows) for (const seat of row.seats) index.set(seat.id, seat)
    return index
  })

  function applyChanges(changes: PlaceChangeDto[]) {
    const taken: string[] = []
    for (const { placeId, status } of changes) {
      const seat = seats.value.get(placeId)
      if (!seat) continue
      if (status !== 'AVAILABLE') taken.push(placeId)
      seat.status = status as PlaceStatus
    }
    if (taken.length) onTaken(taken)
  }

  function applyCounts(counts: LiveCountsDto | null) {
    for (const section of seatMap.value?.sections ?? []) {
      const live = counts?.sections.find(s => s.id === section.id)
      if (live) section.available = live.available
    }
  }

  const { counts, connected } = useLiveAvailability(eventId, { onChanges: applyChanges, onResync: () => void refresh() })
  watch(counts, applyCounts)

  /** Resolves once the map is loaded (await it in the page's setup for server rendering). */
  const ready = loading.then(() => undefined)
  return { seatMap, error, refresh, counts, connected, ready, fromDevice }
}

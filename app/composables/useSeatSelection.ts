import type { Money, SeatDto, SeatMapDto } from '#shared/types/event'
import { MAX_PLACES_PER_HOLD } from '#shared/schemas/holds'

/**
 * The places a buyer is choosing on the booking page: seats by id and a quantity per GA section,
 * capped at MAX_PLACES_PER_HOLD together, with the running total.
 */
export function useSeatSelection(seatMap: Ref<SeatMapDto | null | undefined>) {
  const seatIds = ref<string[]>([])
  const ga = ref<Record<string, number>>({})
  /** The ticket type chosen per seat id and per GA section id; unset: the section's default type. */
  const types = ref<Record<string, string>>({})
  const promoCode = ref('')

  const seatIndex = computed(() => {
    const index = new Map<string, { seat: SeatDto, price: Money, sectionName: string, sectionId: string }>()
    for (const section of seatMap.value?.sections ?? []) {
      for (const row of section.rows) for (const seat of row.seats) index.set(seat.id, { seat, price: section.price, sectionName: section.name, sectionId: section.id })
    }
    return index
  })

  const count = computed(() => seatIds.value.length + Object.values(ga.value).reduce((n, q) => n + q, 0))
  const room = computed(() => MAX_PLACES_PER_HOLD - count.value)

  const total = computed<Money | null>(() => {
    const sections = seatMap.value?.sections ?? []
    const currency = sections[0]?.price.currency
    if (!currency) return null
    let cents = seatIds.value.reduce((sum, id) => sum + (seatIndex.value.get(id)?.price.amountCents ?? 0), 0)
    for (const section of sections) cents += (ga.value[section.id] ?? 0) * section.price.amountCents
    return { amountCents: cents, currency }
  })

  /** Adds or removes a seat; false when adding would pass the limit. */
  function toggleSeat(id: string): boolean {
    if (seatIds.value.includes(id)) {
      seatIds.value = seatIds.value.filter(s => s !== id)
      return true
    }
    if (room.value <= 0) return false
    seatIds.value = [...seatIds.value, id]
    return true
  }

  function setQuantity(sectionId: string, quantity: number) {
    const others = count.value - (ga.value[sectionId] ?? 0)
    const next = Math.max(0, Math.min(Math.trunc(quantity) || 0, MAX_PLACES_PER_HOLD - others))
    ga.value = { ...ga.value, [sectionId]: next }
  }

  /** Drops seats that someone else took; returns their labels. */
  function drop(ids: Iterable<string>): string[] {
    const gone = new Set(ids)
    const dropped = seatIds.value.filter(id => gone.has(id))
    if (dropped.length) seatIds.value = seatIds.value.filter(id => !gone.has(id))
    return dropped.map(id => seatIndex.value.get(id)?.seat.label ?? id)
  }

  function clear() {
    seatIds.value = []
    ga.value = {}
    types.value = {}
  }

  function setType(key: string, ticketTypeId: string) {
    types.value = { ...types.value, [key]: ticketTypeId }
  }

  /** The POST /api/holds body for the current choice: a type per seat and per GA line, and the code. */
  function holdBody(eventId: string) {
    const typed = (key: string) => (types.value[key] ? { ticketTypeId: types.value[key] } : {})
    const gaItems = Object.entries(ga.value).filter(([, q]) => q > 0).map(([sectionId, quantity]) => ({ sectionId, quantity, ...typed(sectionId) }))
    const code = promoCode.value.trim()
    return {
      eventId,
      seatIds: seatIds.value,
      seats: seatIds.value.map(seatId => ({ seatId, ...typed(seatId) })),
      ga: gaItems,
      ...(code ? { promoCode: code } : {}),
    }
  }

  return { seatIds, ga, types, promoCode, seatIndex, count, room, total, toggleSeat, setQuantity, setType, drop, clear, holdBody }
}

import type { BookingDto } from '#shared/types/booking'
import type { Money, SeatDto } from '#shared/types/event'
import type { SeatState } from '~/utils/seatmap'

/**
 * Moving a booking to other seats of its event (PATCH /api/bookings/:id): the booking's seats start
 * chosen; tapping one lets it go, tapping a free seat takes it, until exactly as many are chosen as
 * the booking has. The price difference is estimated the way the server prices a move (a seat in the
 * same section keeps the ticket it replaces, one in another section costs that section's price);
 * the answer states the exact total. Call it before any await in setup (the live seat map's hooks).
 */
export function useChangeSeats(booking: Readonly<Ref<BookingDto>>, onChanged: (next: BookingDto) => void) {
  const api = useApi()
  const current = computed(() => booking.value.tickets.filter(t => t.valid))
  const currentIds = computed(() => new Set(current.value.map(t => t.placeId)))
  const chosen = ref<string[]>(current.value.map(t => t.placeId))
  const conflicts = ref(new Set<string>())
  const notice = ref('')
  const problem = ref('')
  const busy = ref(false)
  /** Seats of the change in flight: the live stream announces them booked before the answer arrives. */
  const requesting = new Set<string>()

  function onTaken(seatIds: string[]) {
    const gone = seatIds.filter(id => chosen.value.includes(id) && !currentIds.value.has(id) && !requesting.has(id))
    if (!gone.length) return
    chosen.value = chosen.value.filter(id => !gone.includes(id))
    conflicts.value = new Set([...conflicts.value, ...gone])
    notice.value = `Someone else just took ${gone.map(labelOf).join(', ')}. Please choose another seat.`
  }
  const { seatMap, error, refresh } = useSeatMap(booking.value.event.id, onTaken)

  const index = computed(() => {
    const seats = new Map<string, { seat: SeatDto, sectionId: string, sectionName: string, price: Money }>()
    for (const section of seatMap.value?.sections ?? []) {
      for (const row of section.rows) for (const seat of row.seats) seats.set(seat.id, { seat, sectionId: section.id, sectionName: section.name, price: section.price })
    }
    return seats
  })
  const seatedSections = computed(() => seatMap.value?.sections.filter(s => s.kind === 'SEATED') ?? [])
  const labelOf = (id: string) => {
    const found = index.value.get(id)
    return found ? `${found.sectionName} ${found.seat.label}` : id
  }

  function stateOf(seat: SeatDto): SeatState {
    if (chosen.value.includes(seat.id)) return 'selected'
    // One of the booking's own seats, let go in this choice: it is free to take back.
    if (currentIds.value.has(seat.id)) return 'available'
    return seat.status === 'AVAILABLE' ? 'available' : seat.status === 'HELD' ? 'held' : 'booked'
  }

  const needed = computed(() => current.value.length)
  function toggle(seat: SeatDto) {
    conflicts.value.delete(seat.id)
    problem.value = ''
    if (chosen.value.includes(seat.id)) {
      chosen.value = chosen.value.filter(id => id !== seat.id)
      notice.value = ''
    } else if (chosen.value.length < needed.value) {
      chosen.value = [...chosen.value, seat.id]
      notice.value = ''
    } else if (needed.value === 1) {
      chosen.value = [seat.id] // one seat: tapping another moves the choice there
      notice.value = ''
    } else {
      notice.value = `Your booking has ${needed.value} seats. Tap one of your chosen seats to let it go first.`
    }
  }

  const changed = computed(() => chosen.value.length === needed.value && chosen.value.some(id => !currentIds.value.has(id)))
  const added = computed(() => chosen.value.filter(id => !currentIds.value.has(id)))
  const dropped = computed(() => current.value.filter(t => !chosen.value.includes(t.placeId)))

  /** The total after the move, priced as the server does; null until the choice is complete. */
  const newTotal = computed<Money | null>(() => {
    if (chosen.value.length !== needed.value) return null
    const pool = [...dropped.value]
    let cents = current.value.filter(t => chosen.value.includes(t.placeId)).reduce((sum, t) => sum + t.price.amountCents, 0)
    for (const id of added.value) {
      const seat = index.value.get(id)
      const i = pool.findIndex(t => t.section.id === seat?.sectionId)
      cents += i >= 0 ? pool.splice(i, 1)[0]!.price.amountCents : seat?.price.amountCents ?? 0
    }
    return { amountCents: cents, currency: booking.value.total.currency }
  })
  const difference = computed<Money | null>(() => newTotal.value && { amountCents: newTotal.value.amountCents - booking.value.total.amountCents, currency: newTotal.value.currency })

  function reset() {
    chosen.value = current.value.map(t => t.placeId)
    conflicts.value = new Set()
    notice.value = ''
    problem.value = ''
  }

  async function confirm(): Promise<boolean> {
    busy.value = true
    problem.value = ''
    for (const id of chosen.value) requesting.add(id)
    try {
      const next = await api<BookingDto>(`/api/bookings/${encodeURIComponent(booking.value.id)}`, { method: 'PATCH', body: { seatIds: chosen.value } })
      onChanged(next)
      chosen.value = next.tickets.filter(t => t.valid).map(t => t.placeId)
      conflicts.value = new Set()
      return true
    } catch (e) {
      const body = apiErrorOf(e)
      if (body?.code === 'SEATS_UNAVAILABLE') {
        const taken = Array.isArray(body.details?.unavailable) ? body.details.unavailable as string[] : []
        problem.value = taken.length
          ? `Sorry — ${taken.map(labelOf).join(', ')} ${taken.length === 1 ? 'was' : 'were'} just taken (marked on the map). Your booking keeps its seats; please choose again.`
          : body.message
        chosen.value = chosen.value.filter(id => !taken.includes(id))
        conflicts.value = new Set(taken)
        await refresh()
      } else {
        problem.value = body?.message ?? 'Your seats could not be changed. Your booking keeps its seats; please try again.'
      }
      return false
    } finally {
      requesting.clear()
      busy.value = false
    }
  }

  return { seatMap, seatedSections, error, chosen, conflicts, notice, problem, busy, needed, changed, added, dropped, newTotal, difference, labelOf, stateOf, toggle, reset, confirm }
}

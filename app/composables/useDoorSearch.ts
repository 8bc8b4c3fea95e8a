import type { Money, Page } from '#shared/types/event'
import type { AttendeeDto } from '#shared/types/organising'

export interface DoorBooking {
  bookingId: string
  reference: string
  holder: string
  /** What the booking still owes at the door: the sum of its tickets' dues. */
  due: Money
  tickets: AttendeeDto[]
}

/**
 * The door's guest search: by name or booking reference (typed, debounced), the matching tickets
 * grouped by booking so a party is admitted ticket by ticket or all at once.
 */
export function useDoorSearch(eventId: string) {
  const api = useApi()
  const q = ref('')
  const query = ref('')
  let debounce: ReturnType<typeof setTimeout> | undefined
  watch(q, (value) => {
    clearTimeout(debounce)
    debounce = setTimeout(() => (query.value = value.trim()), 250)
  })
  const { data, error, status, refresh } = useAsyncData(`door-search-${eventId}`, async () => (query.value.length < 2
    ? null
    : api<Page<AttendeeDto>>(`/api/events/${eventId}/attendees`, { query: { q: query.value, pageSize: 50 } })), { watch: [query], server: false })
  const bookings = computed<DoorBooking[]>(() => {
    const groups = new Map<string, DoorBooking>()
    for (const t of data.value?.items ?? []) {
      const group = groups.get(t.bookingId) ?? { bookingId: t.bookingId, reference: t.bookingReference, holder: t.holder.name, due: { amountCents: 0, currency: t.due.currency }, tickets: [] }
      group.tickets.push(t)
      group.due = { ...group.due, amountCents: group.due.amountCents + t.due.amountCents }
      groups.set(t.bookingId, group)
    }
    return [...groups.values()]
  })
  return { q, query, bookings, total: computed(() => data.value?.total ?? 0), error, status, refresh }
}

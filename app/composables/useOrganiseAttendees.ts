import type { Page } from '#shared/types/event'
import type { AttendeeDto } from '#shared/types/organising'

/** The event's attendees, searched as the organiser types (debounced), one page at a time. */
export function useOrganiseAttendees(eventId: string) {
  const api = useApi()
  const q = ref('')
  const page = ref(1)
  const query = ref('')
  let debounce: ReturnType<typeof setTimeout> | undefined
  watch(q, (value) => {
    clearTimeout(debounce)
    debounce = setTimeout(() => {
      page.value = 1
      query.value = value.trim()
    }, 250)
  })
  const result = useAsyncData(`organise-attendees-${eventId}`, () => api<Page<AttendeeDto>>(`/api/events/${eventId}/attendees`, {
    query: { q: query.value || undefined, page: page.value, pageSize: 50 },
  }), { watch: [query, page] })
  const csvHref = computed(() => `/api/events/${eventId}/attendees?format=csv${query.value ? `&q=${encodeURIComponent(query.value)}` : ''}`)
  return { q, page, csvHref, ...result }
}

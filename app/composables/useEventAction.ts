import type { EventDetailDto } from '#shared/types/event'

/**
 * A confirmed organiser action on an event (publish, cancel): the dialog's open/busy/error state
 * and the POST, shared so every such button behaves alike.
 */
export function useEventAction(eventId: () => string, action: 'publish' | 'cancel', onDone: (event: EventDetailDto) => void) {
  const api = useApi()
  const open = ref(false)
  const busy = ref(false)
  const error = ref('')

  async function run() {
    busy.value = true
    error.value = ''
    try {
      const updated = await api<EventDetailDto>(`/api/events/${eventId()}/${action}`, { method: 'POST' })
      open.value = false
      onDone(updated)
    } catch (e) {
      error.value = apiErrorOf(e)?.message ?? 'Bookify could not be reached. Try again.'
    } finally {
      busy.value = false
    }
  }

  return { open, busy, error, run }
}

import type { AvailabilityMessageDto, LiveCountsDto, PlaceChangeDto } from '#shared/types/live'

interface LiveAvailabilityOptions {
  /** Places that changed, seat by seat, as the server announces them. */
  onChanges?: (changes: PlaceChangeDto[]) => void
  /** The stream came back after a break: changes made meanwhile were missed, so reload what depends on them. */
  onResync?: () => void
}

/**
 * Follows GET /api/events/:id/live in the browser. `counts` is the latest availability (null until
 * the first message); the EventSource reconnects by itself after a network break.
 */
export function useLiveAvailability(eventId: MaybeRefOrGetter<string>, options: LiveAvailabilityOptions = {}) {
  const counts = shallowRef<LiveCountsDto | null>(null)
  const connected = ref(false)
  let source: EventSource | undefined
  let opened = false

  function onMessage(event: MessageEvent<string>) {
    let message: AvailabilityMessageDto
    try {
      message = JSON.parse(event.data) as AvailabilityMessageDto
    } catch {
      return
    }
    const { changes, ...rest } = message
    counts.value = rest
    if (changes.length) options.onChanges?.(changes)
  }

  function connect(id: string) {
    disconnect()
    opened = false
    source = new EventSource(`/api/events/${encodeURIComponent(id)}/live`)
    source.addEventListener('availability', onMessage as EventListener)
    source.addEventListener('open', () => {
      connected.value = true
      if (opened) options.onResync?.()
      opened = true
    })
    source.addEventListener('error', () => { connected.value = false })
  }

  function disconnect() {
    source?.close()
    source = undefined
    connected.value = false
  }

  onMounted(() => {
    watch(() => toValue(eventId), id => connect(id), { immediate: true })
  })
  onBeforeUnmount(disconnect)

  return { counts, connected }
}

import type { QueueStatusDto } from '#shared/types/queue'

const POLL_MS = 4_000

/**
 * My place in an event's waiting room: live over SSE (GET …/queue/stream), falling back to polling
 * GET …/queue/me when the stream cannot stay open (offline, a proxy, an expired session — the
 * poll refreshes the session and the stream is tried again). The place lives on the server, so a
 * reload, another tab or a dropped connection only means reading it again. An admission token is
 * saved for the booking page (utils/admission.ts).
 */
export function useQueue(eventId: MaybeRefOrGetter<string>) {
  const api = useApi()
  const status = ref<QueueStatusDto | null>(null)
  const error = ref('')
  const busy = ref(false)
  const live = ref(false)
  const notJoined = ref(false)
  let source: EventSource | undefined
  let pollTimer: ReturnType<typeof setTimeout> | undefined
  let stopped = false

  const id = () => toValue(eventId)

  function apply(next: QueueStatusDto) {
    status.value = next
    notJoined.value = false
    if (next.admissionToken && next.admittedUntil) saveAdmission(id(), { token: next.admissionToken, until: next.admittedUntil })
    if (next.lapsed || next.state === 'CLOSED') forgetAdmission(id())
  }

  function connect() {
    source?.close()
    if (stopped) return
    source = new EventSource(`/api/events/${encodeURIComponent(id())}/queue/stream`)
    source.addEventListener('status', (e) => {
      try {
        apply(JSON.parse((e as MessageEvent<string>).data) as QueueStatusDto)
      } catch { /* a malformed message changes nothing */ }
    })
    source.addEventListener('open', () => { live.value = true })
    source.addEventListener('error', () => {
      live.value = false
      // The browser retries a dropped stream by itself; a refused one (401, 404) it gives up on.
      if (source?.readyState === EventSource.CLOSED) schedulePoll(0)
    })
  }

  async function poll(): Promise<void> {
    try {
      apply(await api<QueueStatusDto>(`/api/events/${encodeURIComponent(id())}/queue/me`))
      error.value = ''
      if (!live.value && status.value?.state !== 'CLOSED') connect()
    } catch (e) {
      const body = apiErrorOf(e)
      if (body?.details?.reason === 'NOT_IN_QUEUE') notJoined.value = true
      else if (statusOf(e) !== undefined) error.value = body?.message ?? ''
    }
    if (!live.value && !notJoined.value && status.value?.state !== 'CLOSED') schedulePoll(POLL_MS)
  }

  function schedulePoll(ms: number) {
    clearTimeout(pollTimer)
    if (!stopped) pollTimer = setTimeout(() => void poll(), ms)
  }

  async function join(): Promise<void> {
    busy.value = true
    error.value = ''
    try {
      apply(await api<QueueStatusDto>(`/api/events/${encodeURIComponent(id())}/queue`, { method: 'POST' }))
      connect()
    } catch (e) {
      error.value = apiErrorOf(e)?.message ?? 'You could not join the queue. Please try again.'
    } finally {
      busy.value = false
    }
  }

  onMounted(() => {
    void poll()
    // Back online, or back to this tab: read the place again at once rather than at the next poll.
    window.addEventListener('online', onWake)
    document.addEventListener('visibilitychange', onWake)
  })
  function onWake() {
    if (document.visibilityState === 'visible' && !live.value) schedulePoll(0)
  }
  onBeforeUnmount(() => {
    stopped = true
    source?.close()
    clearTimeout(pollTimer)
    window.removeEventListener('online', onWake)
    document.removeEventListener('visibilitychange', onWake)
  })

  return { status, error, busy, live, notJoined, join }
}

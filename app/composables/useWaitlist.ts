import type { WaitlistStatusDto } from '#shared/types/waitlist'

/** The signed-in user's place on an event's waitlist: null when not on it. */
export function useWaitlist(eventId: MaybeRefOrGetter<string>) {
  const api = useApi()
  const entry = ref<WaitlistStatusDto | null>(null)
  const loaded = ref(false)
  const busy = ref(false)
  const error = ref('')
  const base = () => `/api/events/${encodeURIComponent(toValue(eventId))}/waitlist`

  async function act(action: () => Promise<void>) {
    busy.value = true
    error.value = ''
    try {
      await action()
    } catch (e) {
      error.value = apiErrorOf(e)?.message ?? 'That did not work. Please try again.'
    } finally {
      busy.value = false
    }
  }

  async function load() {
    try {
      entry.value = await api<WaitlistStatusDto>(`${base()}/me`)
    } catch {
      entry.value = null // 404: not on the waitlist
    } finally {
      loaded.value = true
    }
  }

  const join = (quantity: number) => act(async () => {
    entry.value = await api<WaitlistStatusDto>(base(), { method: 'POST', body: { quantity } })
  })

  const leave = () => act(async () => {
    await api(base(), { method: 'DELETE' })
    entry.value = null
  })

  return { entry, loaded, busy, error, load, join, leave }
}

import type { OrganiserEventDto, Page } from '#shared/types/event'

const POLL_MS = 10_000

/** The caller's events with sales figures, refreshed every 10 s while the page is visible. */
export async function useOrganiseEvents() {
  const api = useApi()
  const updatedAt = ref<Date | null>(null)
  const result = useAsyncData('organise-events', () => api<Page<OrganiserEventDto>>('/api/organiser/events', { query: { pageSize: 100 } }))
  let timer: ReturnType<typeof setInterval> | undefined
  // Hooks are registered before the first await, while the component instance is still current.
  onMounted(() => {
    updatedAt.value = new Date()
    timer = setInterval(async () => {
      if (document.visibilityState !== 'visible') return
      await result.refresh()
      updatedAt.value = new Date()
    }, POLL_MS)
  })
  onBeforeUnmount(() => clearInterval(timer))
  await result
  return { data: result.data, error: result.error, updatedAt }
}

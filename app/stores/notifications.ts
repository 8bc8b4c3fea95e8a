import type { NotificationDto } from '#shared/types/notification'

interface NotificationPage { items: NotificationDto[], page: number, pageSize: number, total: number }

const PAGE_SIZE = 50
const RETRY_MS = 5_000

/**
 * The signed-in user's in-app notifications: the unread count for the header bell, the latest ones
 * for the list page, kept current by GET /api/notifications/stream (one EventSource per tab). Others
 * watch `latest` to react to a notification as it arrives (a waitlist offer on the event page).
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const api = useApi()
  const items = ref<NotificationDto[]>([])
  const unread = ref(0)
  const loaded = ref(false)
  /** True while the stream is open: anything stored from then on arrives here. */
  const live = ref(false)
  const latest = shallowRef<NotificationDto | null>(null)
  let source: EventSource | undefined
  let retry: ReturnType<typeof setTimeout> | undefined
  let users = 0

  async function load(): Promise<void> {
    try {
      const [page, unreadPage] = await Promise.all([
        api<NotificationPage>('/api/notifications', { query: { pageSize: PAGE_SIZE } }),
        api<NotificationPage>('/api/notifications', { query: { unread: 'true', pageSize: 1 } }),
      ])
      items.value = page.items
      unread.value = unreadPage.total
      loaded.value = true
    } catch { /* offline or signed out: keep what we have */ }
  }

  function arrived(event: MessageEvent<string>) {
    let notification: NotificationDto
    try {
      notification = JSON.parse(event.data) as NotificationDto
    } catch {
      return
    }
    if (items.value.some(n => n.id === notification.id)) return
    items.value = [notification, ...items.value].slice(0, PAGE_SIZE)
    if (!notification.readAt) unread.value++
    latest.value = notification
  }

  function connect() {
    disconnect()
    source = new EventSource('/api/notifications/stream')
    source.addEventListener('notification', arrived as EventListener)
    // Ready after every (re)connection: what arrived during a break is fetched once.
    source.addEventListener('ready', () => {
      if (live.value === false && loaded.value) void load()
      live.value = true
    })
    source.addEventListener('error', () => {
      live.value = false
      // A refused stream (expired access token) is not retried by the browser: refresh and try again.
      if (source?.readyState === EventSource.CLOSED) {
        clearTimeout(retry)
        retry = setTimeout(async () => {
          await load()
          if (users > 0) connect()
        }, RETRY_MS)
      }
    })
  }

  function disconnect() {
    clearTimeout(retry)
    source?.close()
    source = undefined
    live.value = false
  }

  /** Components that show notifications call start on mount and stop on unmount. */
  function start() {
    if (!import.meta.client) return
    if (users++ > 0) return
    void load()
    connect()
  }

  function stop() {
    if (--users > 0) return
    users = 0
    disconnect()
    items.value = []
    unread.value = 0
    loaded.value = false
  }

  async function markRead(id: string): Promise<void> {
    const updated = await api<NotificationDto>(`/api/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' })
    const was = items.value.find(n => n.id === id)
    if (was && !was.readAt) unread.value = Math.max(0, unread.value - 1)
    items.value = items.value.map(n => (n.id === id ? updated : n))
  }

  async function markAllRead(): Promise<void> {
    for (const n of items.value.filter(n => !n.readAt)) await markRead(n.id)
    await load()
  }

  return { items, unread, loaded, live, latest, start, stop, load, markRead, markAllRead }
})

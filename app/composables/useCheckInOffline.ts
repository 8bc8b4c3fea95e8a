import type { CheckInConflictDto, CheckInListDto, CheckInListTicket, CheckInSyncResultDto } from '#shared/types/organising'

/**
 * The door phone's offline kit: the event's ticket list kept in IndexedDB (re-downloaded with its
 * ETag), scans admitted offline queued there too, and synced when the connection returns.
 */
export function useCheckInOffline(eventId: string) {
  const api = useApi()
  const list = shallowRef<{ savedAt: string, byCode: Map<string, CheckInListTicket> } | null>(null)
  const pending = ref(0)
  const conflicts = ref<CheckInConflictDto[]>([])
  const syncing = ref(false)
  const message = ref('')
  const deviceId = ref('')

  async function load() {
    deviceId.value = await checkInDeviceId()
    const stored = await getCheckInList(eventId)
    if (stored) list.value = { savedAt: stored.savedAt, byCode: new Map(stored.tickets.map(t => [t.code, t])) }
    pending.value = (await queuedScans(eventId)).length
  }

  async function download(): Promise<boolean> {
    const stored = await getCheckInList(eventId)
    const fetchList = () => $fetch.raw<CheckInListDto>(`/api/events/${eventId}/checkin/list`, {
      headers: stored ? { 'if-none-match': stored.etag } : {},
      ignoreResponseError: true,
    })
    try {
      let res = await fetchList()
      if (res.status === 401) {
        await api('/api/me') // refreshes the session (useApi retries a 401 once after refreshing)
        res = await fetchList()
      }
      if (res.status === 304 && stored) {
        await putCheckInList({ ...stored, savedAt: new Date().toISOString() })
      } else if (res.ok && res._data) {
        await putCheckInList({ eventId, etag: res.headers.get('etag') ?? '', savedAt: new Date().toISOString(), tickets: res._data.tickets })
      } else {
        message.value = 'The ticket list could not be downloaded.'
        return false
      }
      await load()
      message.value = `Ticket list saved on this phone: ${list.value?.byCode.size ?? 0} tickets.`
      return true
    } catch {
      message.value = 'Offline: the ticket list could not be downloaded.'
      return false
    }
  }

  /** Validates a code against the downloaded list and queues an admission for the next sync. */
  async function admitOffline(code: string): Promise<{ outcome: 'ADMITTED' | 'ALREADY' | 'UNKNOWN' | 'NO_LIST', ticket?: CheckInListTicket }> {
    if (!list.value) return { outcome: 'NO_LIST' }
    const ticket = list.value.byCode.get(code)
    if (!ticket) return { outcome: 'UNKNOWN' }
    if (ticket.checkedInAt) return { outcome: 'ALREADY', ticket }
    const at = new Date().toISOString()
    await queueScan({ eventId, ticketCode: code, scannedAt: at })
    await markCheckedIn(eventId, code, at)
    ticket.checkedInAt = at
    pending.value++
    return { outcome: 'ADMITTED', ticket }
  }

  /** Keeps the local list in step with an online admission. */
  async function noteOnline(code: string, at: string) {
    const ticket = list.value?.byCode.get(code)
    if (ticket && !ticket.checkedInAt) ticket.checkedInAt = at
    await markCheckedIn(eventId, code, at).catch(() => {})
  }

  async function sync() {
    const scans = await queuedScans(eventId)
    if (!scans.length || syncing.value) return
    syncing.value = true
    try {
      const res = await api<CheckInSyncResultDto>(`/api/events/${eventId}/checkin/sync`, {
        method: 'POST',
        body: { deviceId: deviceId.value, scans: scans.map(s => ({ ticketCode: s.ticketCode, scannedAt: s.scannedAt })) },
      })
      await dropQueuedScans(scans.map(s => s.id!))
      conflicts.value = res.conflicts
      await download()
      message.value = `Synced ${scans.length} offline ${scans.length === 1 ? 'scan' : 'scans'}${res.conflicts.length ? `; ${res.conflicts.length} let in twice` : ''}.`
    } catch {
      message.value = 'Sync failed; the scans stay on this phone and are sent when the connection is back.'
    } finally {
      syncing.value = false
      pending.value = (await queuedScans(eventId)).length
    }
  }

  return { list, pending, conflicts, syncing, message, deviceId, load, download, admitOffline, noteOnline, sync }
}

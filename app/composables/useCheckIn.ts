import type { AlreadyCheckedInDetails, CheckInBookingDto, CheckInResultDto } from '#shared/types/organising'

export interface DoorResult {
  kind: 'ADMITTED' | 'ALREADY' | 'UNKNOWN' | 'ERROR'
  code: string
  seat?: string
  holder?: string
  /** When and by whom an ALREADY ticket was first checked in. */
  firstAt?: string
  firstBy?: string | null
  /** What this ticket still owes at the door, formatted; absent when nothing is due. */
  due?: string
  /** The booking of an admitted ticket: its reference, how many of its tickets are in, what it owes. */
  booking?: CheckInBookingDto
  offline: boolean
  message?: string
}

const normalise = (raw: string) => raw.replace(/[\s-]/g, '').toUpperCase()

/** One scan at the door: online when possible; against the downloaded list when not. */
export function useCheckIn(eventId: string) {
  const api = useApi()
  const offline = useCheckInOffline(eventId)
  const online = ref(true)
  const busy = ref(false)
  const result = ref<DoorResult | null>(null)

  function onOnline() {
    online.value = true
    void offline.sync()
  }
  function onOffline() { online.value = false }
  onMounted(async () => {
    online.value = navigator.onLine
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    await offline.load().catch(() => {})
    if (online.value) await offline.sync()
  })
  onBeforeUnmount(() => {
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
  })

  async function scanOffline(code: string): Promise<DoorResult> {
    const local = await offline.admitOffline(code)
    const seat = local.ticket ? `${local.ticket.section} ${local.ticket.seat}` : undefined
    if (local.outcome === 'NO_LIST') return { kind: 'ERROR', code, offline: true, message: 'Offline and no ticket list on this phone: download it while online.' }
    if (local.outcome === 'UNKNOWN') return { kind: 'UNKNOWN', code, offline: true }
    if (local.outcome === 'ALREADY') return { kind: 'ALREADY', code, offline: true, seat, holder: local.ticket!.holder, firstAt: local.ticket!.checkedInAt!, firstBy: null }
    return { kind: 'ADMITTED', code, offline: true, seat, holder: local.ticket!.holder }
  }

  async function scanOnline(code: string): Promise<DoorResult> {
    const scannedAt = new Date().toISOString()
    try {
      const res = await api<CheckInResultDto>(`/api/events/${eventId}/checkin`, { method: 'POST', body: { ticketCode: code, deviceId: offline.deviceId.value || undefined, scannedAt } })
      await offline.noteOnline(code, res.ticket.checkedInAt)
      const due = res.due.amountCents > 0 ? formatMoney(res.due) : undefined
      return { kind: 'ADMITTED', code, offline: false, seat: `${res.seat.section} ${res.seat.label}`, holder: res.holder.name, due, booking: res.booking }
    } catch (error) {
      const body = apiErrorOf(error)
      if (body?.code === 'ALREADY_CHECKED_IN') {
        const d = body.details as unknown as AlreadyCheckedInDetails
        return { kind: 'ALREADY', code, offline: false, seat: `${d.seat.section} ${d.seat.label}`, holder: d.holder.name, firstAt: d.checkedInAt, firstBy: d.checkedInBy }
      }
      if (body?.code === 'UNKNOWN_TICKET') return { kind: 'UNKNOWN', code, offline: false }
      if (statusOf(error) === undefined) {
        online.value = false
        return scanOffline(code)
      }
      return { kind: 'ERROR', code, offline: false, message: body?.message ?? 'The scan failed; try again.' }
    }
  }

  async function scan(raw: string) {
    const code = normalise(raw)
    if (!code || busy.value) return
    busy.value = true
    try {
      result.value = online.value ? await scanOnline(code) : await scanOffline(code)
    } finally {
      busy.value = false
    }
  }

  /** The booking of the last result was paid at the door: this ticket owes nothing any more. */
  function markPaid(bookingId: string) {
    if (result.value?.booking?.id === bookingId) result.value = { ...result.value, due: undefined }
  }

  return { online, busy, result, scan, offline, markPaid }
}

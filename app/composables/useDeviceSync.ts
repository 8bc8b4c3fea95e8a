import type { BookingDto } from '#shared/types/booking'
import type { Page } from '#shared/types/event'

const PAGE_SIZE = 100
const MAX_PAGES = 10
let refreshing: Promise<void> | undefined

/** A QR code is worth keeping while its ticket can still be used. */
const keepsQr = (booking: BookingDto) => booking.status === 'CONFIRMED' && Date.parse(booking.event.endsAt) > Date.now()

/**
 * Keeps this device's copy of the signed-in user's bookings, tickets and QR codes, and the search
 * index, in step with the server: on app start and whenever the connection comes back.
 */
export function useDeviceSync() {
  const api = useApi()
  const session = useSessionStore()
  const { sync: syncSearchIndex } = useSearchOffline()

  /** Fetches and stores the QR SVG of every usable ticket whose stored copy is missing or stale. */
  async function storeTicketQrs(bookings: BookingDto[]): Promise<void> {
    for (const booking of bookings.filter(keepsQr)) {
      const stored = await savedTicketQrs(booking.id)
      for (const ticket of booking.tickets.filter(t => t.valid && stored.get(t.id)?.code !== t.code)) {
        const res = await fetch(`/api/bookings/${encodeURIComponent(booking.id)}/tickets/${encodeURIComponent(ticket.id)}/qr.svg`, { credentials: 'same-origin' })
        if (res.ok) await saveTicketQr({ ticketId: ticket.id, bookingId: booking.id, code: ticket.code, svg: await res.text() })
      }
    }
  }

  async function refreshBookings(): Promise<void> {
    const all: BookingDto[] = []
    let complete = false
    for (let page = 1; page <= MAX_PAGES && !complete; page++) {
      const answer = await api<Page<BookingDto>>('/api/bookings', { query: { page, pageSize: PAGE_SIZE } })
      all.push(...answer.items)
      complete = page * answer.pageSize >= answer.total
    }
    // Only the full list may remove anything: a booking gone from the server goes from the device.
    await (complete ? replaceBookings(all) : saveBookings(all))
    await storeTicketQrs(all)
  }

  /** Refreshes the offline search index (ETag: usually a 304) once the user has one; the search page makes the first. */
  async function refreshSearchIndex(): Promise<void> {
    if (await getSearchIndex().catch(() => undefined)) await syncSearchIndex()
  }

  /** Never throws: offline or signed out, the device keeps what it has. */
  function refresh(): Promise<void> {
    if (!import.meta.client || !navigator.onLine) return Promise.resolve()
    refreshing ??= Promise.allSettled([session.user ? refreshBookings() : Promise.resolve(), refreshSearchIndex()])
      .then(() => undefined)
      .finally(() => { refreshing = undefined })
    return refreshing
  }

  /** Signing out: nothing of this user's stays on the device (IndexedDB copies and visited pages). */
  function forget(): Promise<void> {
    return forgetDevice()
  }

  return { refresh, storeTicketQrs, forget }
}

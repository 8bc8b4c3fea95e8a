import type { HoldDto } from '#shared/types/event'
import type { BookingDto } from '#shared/types/booking'
import type { ErrorCode } from '#shared/errors/error-codes'

/** The Background Sync tag; public/sw-sync.js answers it by messaging the open pages. */
const OUTBOX_SYNC_TAG = 'bookify-outbox'
// A ticket type gone off sale, a code that expired or ran out while offline, or a question that
// now needs an answer: the user chooses again, like for places taken meanwhile.
const CONFLICTS = new Set<ErrorCode>(['SEATS_UNAVAILABLE', 'SOLD_OUT', 'HOLD_EXPIRED', 'TYPE_UNAVAILABLE', 'PROMO_INVALID', 'ANSWERS_REQUIRED'])
const MAX_ATTEMPTS = 5

type NewPendingBooking = Pick<PendingAction, 'eventId' | 'eventTitle' | 'seatIds' | 'ga' | 'labels' | 'seatTypes' | 'promoCode' | 'answers'>
type Outcome = Partial<PendingAction> & { stop?: boolean }

let flushing: Promise<void> | undefined
/** A request that got no answer while the browser said "online": look again later, backing off. */
const RETRY_DELAYS_MS = [3_000, 10_000, 30_000, 60_000]
let retryTimer: ReturnType<typeof setTimeout> | undefined
let retries = 0

/**
 * Bookings asked for while offline, kept in IndexedDB and sent when the connection is back: hold
 * then confirm, each with a key derived from the action's own, so a replay (a retry, a second tab,
 * a crash between the two) never books twice. `actions` lists them, newest first.
 */
export function useOutbox() {
  const api = useApi()
  const actions = useState<PendingAction[]>('outbox', () => [])

  async function reload() {
    const all = await pendingActions().catch(() => [])
    actions.value = all.sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  }

  async function send(action: PendingAction): Promise<Outcome> {
    const key = action.idempotencyKey
    try {
      const seats = action.seatIds.map(seatId => ({ seatId, ...(action.seatTypes?.[seatId] ? { ticketTypeId: action.seatTypes[seatId] } : {}) }))
      const body = { eventId: action.eventId, seats, ga: action.ga, ...(action.promoCode ? { promoCode: action.promoCode } : {}) }
      const hold = await api<HoldDto>('/api/holds', { method: 'POST', body, headers: { 'Idempotency-Key': `hold:${key}` } })
      const confirmBody = { holdId: hold.id, ...(action.answers ? { answers: answersForHold(action.answers, hold) } : {}) }
      const booking = await api<BookingDto>('/api/bookings', { method: 'POST', body: confirmBody, headers: { 'Idempotency-Key': `confirm:${key}` } })
      await saveBookings([booking]).catch(() => undefined)
      return { status: 'done', result: { bookingId: booking.id, reference: booking.reference } }
    } catch (error) {
      const status = statusOf(error)
      const problem = apiErrorOf(error)
      // No answer, or signed out: try again later, and the rest of the queue with it.
      if (isNetworkFailure(error) || status === 401) return { status: 'queued', stop: true }
      if (problem && CONFLICTS.has(problem.code)) {
        const unavailable = Array.isArray(problem.details?.unavailable) ? problem.details.unavailable as string[] : []
        return { status: 'conflict', result: { message: problem.message, unavailable } }
      }
      if (status !== undefined && status >= 500 && action.attempts + 1 < MAX_ATTEMPTS) return { status: 'queued', attempts: action.attempts + 1 }
      return { status: 'failed', result: { message: problem?.message ?? 'The booking could not be made.' } }
    }
  }

  /** Returns whether something is still waiting for a connection. */
  async function run(): Promise<boolean> {
    const waiting = (await pendingActions()).filter(a => a.status === 'queued' || a.status === 'sending')
    // Oldest first. A 'sending' left behind by a closed tab is safe to send again (same keys).
    for (const action of waiting.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      const claimed = await updatePendingAction(action.id!, ['queued', 'sending'], { status: 'sending' })
      if (!claimed) continue // cancelled meanwhile
      await reload()
      const { stop, ...outcome } = await send(claimed)
      await updatePendingAction(action.id!, ['sending'], outcome)
      await reload()
      if (stop) return true
    }
    return false
  }

  function retryLater() {
    clearTimeout(retryTimer)
    const delay = RETRY_DELAYS_MS[Math.min(retries++, RETRY_DELAYS_MS.length - 1)]
    retryTimer = setTimeout(() => { void flush() }, delay)
  }

  /** Sends everything queued; one run at a time in this tab, and across tabs where Web Locks exist. */
  function flush(): Promise<void> {
    if (!import.meta.client || !navigator.onLine) return Promise.resolve()
    if (flushing) return flushing
    const locked = navigator.locks ? navigator.locks.request('bookify-outbox', () => run()) : run()
    const current = locked.then((waiting) => {
      if (waiting) retryLater()
      else retries = 0
    }).catch(() => undefined).finally(() => { flushing = undefined })
    flushing = current
    return current
  }

  /** Asks the service worker to wake us when the connection is back (Background Sync, where the browser has it). */
  async function requestSync() {
    const registration = await navigator.serviceWorker?.getRegistration().catch(() => undefined)
    const sync = (registration as (ServiceWorkerRegistration & { sync?: { register: (tag: string) => Promise<void> } }) | undefined)?.sync
    await sync?.register(OUTBOX_SYNC_TAG).catch(() => undefined)
  }

  async function queue(booking: NewPendingBooking): Promise<void> {
    // Plain copies: IndexedDB cannot store Vue's reactive proxies.
    const { eventId, eventTitle, seatIds, ga, labels, seatTypes, promoCode, answers } = booking
    // Plain copies: IndexedDB cannot store Vue proxies.
    const extras = JSON.parse(JSON.stringify({ seatTypes, promoCode, answers })) as Pick<PendingAction, 'seatTypes' | 'promoCode' | 'answers'>
    await addPendingAction({ kind: 'booking', eventId, eventTitle, seatIds: [...seatIds], ga: ga.map(g => ({ ...g })), labels: [...labels], ...extras, idempotencyKey: newIdempotencyKey(), createdAt: new Date().toISOString(), status: 'queued', attempts: 0 })
    await reload()
    await requestSync()
    void flush()
  }

  /** Cancels a queued action, or clears a finished one from the list; false once it is being sent. */
  async function remove(id: number): Promise<boolean> {
    const removed = await deletePendingAction(id, ['queued', 'done', 'conflict', 'failed'])
    await reload()
    return removed
  }

  return { actions, reload, queue, flush, remove }
}

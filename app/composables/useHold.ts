import type { HoldDto } from '#shared/types/event'
import type { AnswerValue, BookingDto } from '#shared/types/booking'

const storageKey = (eventId: string) => `bookify:hold:${eventId}`

interface HoldRequest {
  eventId: string
  seatIds: string[]
  seats?: { seatId: string, ticketTypeId?: string }[]
  ga: { sectionId: string, quantity: number, ticketTypeId?: string }[]
  promoCode?: string
}

/** POST /api/bookings `answers`: per order, and per attendee (place). */
export interface BookingAnswers {
  order: Record<string, AnswerValue>
  attendees: { placeId: string, answers: Record<string, AnswerValue> }[]
}

/**
 * The buyer's hold on one event: create, extend, release and confirm it. Each action sends a new
 * Idempotency-Key (one per user intent). The hold id is kept for the tab's session, so a reload of
 * the booking page finds the hold again.
 */
export function useHold(eventId: MaybeRefOrGetter<string>) {
  const api = useApi()
  const hold = ref<HoldDto | null>(null)
  const busy = ref(false)
  const held = useHeldPlaces()

  function remember(next: HoldDto | null) {
    const previous = hold.value
    hold.value = next
    if (!import.meta.client) return
    if (next) held.track({ eventId: next.eventId, holdId: next.id, expiresAt: next.expiresAt })
    else held.untrack(previous?.id)
    if (next) tabStorage().setItem(storageKey(toValue(eventId)), next.id)
    else tabStorage().removeItem(storageKey(toValue(eventId)))
  }

  async function run<T>(action: () => Promise<T>): Promise<T> {
    busy.value = true
    try {
      return await action()
    } finally {
      busy.value = false
    }
  }

  const withKey = () => ({ 'Idempotency-Key': newIdempotencyKey() })

  /** Loads an active hold: the one named (a waitlist offer) or the one this tab made. */
  async function restore(holdId?: string): Promise<void> {
    const id = holdId ?? tabStorage().getItem(storageKey(toValue(eventId)))
    if (!id) return
    try {
      const found = await api<HoldDto>(`/api/holds/${encodeURIComponent(id)}`)
      remember(found.status === 'ACTIVE' && found.eventId === toValue(eventId) && Date.parse(found.expiresAt) > Date.now() ? found : null)
    } catch {
      remember(null)
    }
  }

  const create = (body: HoldRequest) => run(async () => {
    // `seats` carries each seat with its type; the v1 `seatIds` list is not sent beside it.
    const { seatIds, seats, ...rest } = body
    const sent = seats ? { ...rest, seats } : { ...rest, seatIds }
    remember(await api<HoldDto>('/api/holds', { method: 'POST', body: sent, headers: { ...withKey(), ...admissionHeader(toValue(eventId)) } }))
  })

  const extend = () => run(async () => {
    if (hold.value) remember(await api<HoldDto>(`/api/holds/${hold.value.id}/extend`, { method: 'POST' }))
  })

  const release = () => run(async () => {
    if (hold.value) await api(`/api/holds/${hold.value.id}`, { method: 'DELETE' })
    remember(null)
  })

  const confirm = (answers?: BookingAnswers) => run(async () => {
    if (!hold.value) throw new Error('There is no hold to confirm.')
    const body = { holdId: hold.value.id, ...(answers ? { answers } : {}) }
    const booking = await api<BookingDto>('/api/bookings', { method: 'POST', body, headers: withKey() })
    remember(null)
    return booking
  })

  /** Forget a hold that lapsed (the server already treats its places as free). */
  const forget = () => remember(null)

  return { hold, busy, restore, create, extend, release, confirm, forget }
}

import type { BookingDto } from '#shared/types/booking'

/**
 * "Pay by card": asks for a pending booking of the hold and sends the browser to Stripe's hosted
 * checkout page. Asking again for the same hold returns the same booking and session, so a retry
 * after a network error never starts a second payment.
 */
export function useCardCheckout() {
  const api = useApi()
  const busy = ref(false)
  const { data: methods } = useAsyncData('payment-methods', () => api<{ card: boolean, venue: boolean }>('/api/payments/methods').catch(() => ({ card: false, venue: true })))

  async function payByCard(holdId: string): Promise<void> {
    busy.value = true
    try {
      const booking = await api<BookingDto>('/api/bookings', { method: 'POST', body: { holdId, payment: { method: 'card' } }, headers: { 'Idempotency-Key': newIdempotencyKey() } })
      if (booking.payment.checkoutUrl) window.location.assign(booking.payment.checkoutUrl)
      else await navigateTo(`/bookings/${booking.id}`)
    } finally {
      busy.value = false
    }
  }

  /** Whether this server takes cards at all (each event then offers it or not). */
  const cardAvailable = computed(() => methods.value?.card ?? false)
  return { busy, payByCard, cardAvailable }
}

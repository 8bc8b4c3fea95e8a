import type { BookingDto } from '#shared/types/booking'

const POLL_MS = 3_000

/**
 * Follows a booking whose payment is still settling (the buyer is back from Stripe, the webhook is
 * on its way): the notifications stream says at once when it is confirmed or refunded, and a light
 * poll covers a stream that is down. Stops as soon as nothing is pending any more.
 */
export function usePaymentWatch(booking: Ref<BookingDto | null | undefined>, reload: () => Promise<void>) {
  const settling = computed(() => booking.value?.status === 'PENDING_PAYMENT' || booking.value?.payment.status === 'REFUND_PENDING')
  let source: EventSource | undefined
  let timer: ReturnType<typeof setInterval> | undefined

  function stop() {
    source?.close()
    source = undefined
    if (timer) clearInterval(timer)
    timer = undefined
  }

  function start() {
    if (!import.meta.client || timer) return
    source = new EventSource('/api/notifications/stream')
    source.addEventListener('notification', (message) => {
      const data = JSON.parse((message as MessageEvent<string>).data) as { data?: { bookingId?: string } }
      if (data.data?.bookingId === booking.value?.id) void reload()
    })
    timer = setInterval(() => void reload(), POLL_MS)
  }

  onMounted(() => watch(settling, now => (now ? start() : stop()), { immediate: true }))
  onBeforeUnmount(stop)
  return { settling }
}

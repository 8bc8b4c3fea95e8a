/**
 * Time left until `deadline` (an ISO instant), ticking each second in the browser. `announcement`
 * changes only at each whole minute and at the last minute, for an aria-live region that should
 * not chatter every second.
 */
export function useCountdown(deadline: MaybeRefOrGetter<string | null | undefined>) {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined

  onMounted(() => {
    now.value = Date.now()
    timer = setInterval(() => { now.value = Date.now() }, 1_000)
  })
  onBeforeUnmount(() => clearInterval(timer))

  const secondsLeft = computed(() => {
    const until = toValue(deadline)
    return until ? Math.max(0, Math.ceil((Date.parse(until) - now.value) / 1_000)) : 0
  })
  const expired = computed(() => Boolean(toValue(deadline)) && secondsLeft.value === 0)
  const clock = computed(() => {
    const s = secondsLeft.value
    return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`
  })
  /** Whole minutes left, rounded up (so 4:59 → 5); changes once per minute. */
  const minutesLeft = computed(() => Math.ceil(secondsLeft.value / 60))
  const announcement = computed(() => {
    if (!toValue(deadline)) return ''
    if (expired.value) return 'Your hold has expired.'
    const m = minutesLeft.value
    return m <= 1 ? 'One minute left to confirm.' : `${m} minutes left to confirm.`
  })

  return { secondsLeft, clock, expired, announcement }
}

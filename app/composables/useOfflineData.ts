import type { AsyncDataOptions } from '#app'

/** A copy of one API answer kept on this device (utils/idb.ts). */
interface DeviceCopy<T> {
  read: () => Promise<T | undefined>
  write: (value: T) => Promise<void>
}

/** The request never got an answer, or a proxy said the app is unreachable. */
export function isNetworkFailure(error: unknown): boolean {
  const status = statusOf(error)
  return status === undefined || status >= 502
}

/**
 * useAsyncData that keeps the last answer on this device and, when the network fails in the
 * browser, answers from that copy instead (`fromDevice` is then true). The service worker never
 * answers /api/, so this is the one place offline API data comes from. Call before any await.
 */
export function useOfflineData<T>(key: string, load: () => Promise<T>, copy: DeviceCopy<T>, options: Pick<AsyncDataOptions<T>, 'watch' | 'deep'> = {}) {
  const fromDevice = ref(false)
  const asyncData = useAsyncData<T>(key, async () => {
    try {
      const answer = await load()
      fromDevice.value = false
      return answer
    } catch (error) {
      if (import.meta.server || !isNetworkFailure(error)) throw error
      const saved = await copy.read().catch(() => undefined)
      if (saved === undefined) throw error
      fromDevice.value = true
      return saved
    }
  }, options)

  // Server-rendered answers reach the device here too, once the page is interactive.
  onMounted(() => {
    watch(asyncData.data, (value) => {
      if (value != null && !fromDevice.value) copy.write(toRaw(value) as T).catch(() => { /* storage full or blocked: the app works without */ })
    }, { immediate: true })
  })

  return { asyncData, fromDevice }
}

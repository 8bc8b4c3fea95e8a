import type { Ref } from 'vue'
import type { z } from 'zod'

/**
 * Creating something whose secret the server shows exactly once (API keys, webhook endpoints):
 * validates with the shared schema, POSTs, keeps the answer in `created` until the page is left,
 * and refreshes the list. The form's own fields are reset by `onCreated`.
 */
export function useSecretShownOnce<T>(path: string, refresh: () => Promise<unknown>) {
  const api = useApi()
  const busy = ref(false)
  const notice = ref('')
  /** The one time the secret is shown. */
  const created = ref(null) as Ref<T | null>
  const errors = useFormErrors()

  /** False when the input or the server refused it (the messages are in fieldErrors/formError). */
  async function create<S extends z.ZodType>(schema: S, input: unknown, onCreated: () => void): Promise<boolean> {
    notice.value = ''
    created.value = null
    const body = errors.validate(schema, input)
    if (!body) return false
    busy.value = true
    try {
      created.value = await api<T>(path, { method: 'POST', body })
      onCreated()
      await refresh()
      return true
    } catch (error) {
      errors.fromApi(error)
      return false
    } finally {
      busy.value = false
    }
  }

  return { ...errors, busy, notice, created, create }
}

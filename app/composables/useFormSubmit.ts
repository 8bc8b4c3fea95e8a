import type { ShallowRef } from 'vue'

/**
 * A form's submit plumbing: a busy flag while the request runs, and on failure focus moves to the
 * first invalid field or alert so keyboard and screen-reader users land on what to fix.
 */
export function useFormSubmit(formEl: Readonly<ShallowRef<HTMLFormElement | null>>) {
  const busy = ref(false)

  async function focusInvalid() {
    await nextTick()
    formEl.value?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')?.focus()
  }

  async function run(action: () => Promise<void>, onError: (error: unknown) => void) {
    busy.value = true
    try {
      await action()
    } catch (error) {
      onError(error)
      await focusInvalid()
    } finally {
      busy.value = false
    }
  }

  return { busy, focusInvalid, run }
}

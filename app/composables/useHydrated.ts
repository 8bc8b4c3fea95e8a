/**
 * False until this component is interactive in the browser. Server-rendered forms stay disabled
 * until then: Vue would reset anything typed before hydration, and a click would do nothing.
 */
export function useHydrated() {
  const hydrated = ref(false)
  onMounted(() => { hydrated.value = true })
  return hydrated
}

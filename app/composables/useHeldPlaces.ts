// The tab's running hold, for the countdown banner on every page: which event, which hold, until
// when. Kept in sessionStorage (like the hold id in useHold), so a reload or another page finds it.
const STORAGE_KEY = 'bookify:running-hold'

export interface RunningHold { eventId: string, holdId: string, expiresAt: string }

const running = ref<RunningHold | null>(null)
let read = false

function stored(): RunningHold | null {
  try {
    const value = JSON.parse(tabStorage().getItem(STORAGE_KEY) ?? 'null') as RunningHold | null
    return value && typeof value.expiresAt === 'string' && Date.parse(value.expiresAt) > Date.now() ? value : null
  } catch {
    return null
  }
}

export function useHeldPlaces() {
  if (import.meta.client && !read) {
    read = true
    running.value = stored()
  }

  /** A hold was made, extended or restored: the banner counts down to its new end. */
  function track(hold: RunningHold) {
    running.value = { eventId: hold.eventId, holdId: hold.holdId, expiresAt: hold.expiresAt }
    tabStorage().setItem(STORAGE_KEY, JSON.stringify(running.value))
  }

  /** The hold was confirmed, released or lapsed (only that hold: another may have replaced it). */
  function untrack(holdId?: string) {
    if (holdId && running.value && running.value.holdId !== holdId) return
    running.value = null
    if (import.meta.client) tabStorage().removeItem(STORAGE_KEY)
  }

  return { running: readonly(running), track, untrack }
}

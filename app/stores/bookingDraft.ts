/** The places a buyer was choosing, per event, so a reload, a lost connection or a closed tab keeps them. */
interface BookingDraft {
  seatIds: string[]
  ga: Record<string, number>
  savedAt: string
}

export const useBookingDraftStore = defineStore('bookingDraft', () => {
  const drafts = ref<Record<string, BookingDraft>>({})

  function save(eventId: string, seatIds: string[], ga: Record<string, number>) {
    const chosen = Object.fromEntries(Object.entries(ga).filter(([, q]) => q > 0))
    if (!seatIds.length && !Object.keys(chosen).length) return clear(eventId)
    drafts.value = { ...drafts.value, [eventId]: { seatIds: [...seatIds], ga: chosen, savedAt: new Date().toISOString() } }
  }

  function clear(eventId: string) {
    if (!(eventId in drafts.value)) return
    const { [eventId]: _dropped, ...rest } = drafts.value
    drafts.value = rest
  }

  const clearAll = () => { drafts.value = {} }

  return { drafts, save, clear, clearAll }
}, {
  // Read only after mount (the booking page restores it), so the server's empty copy never disagrees on screen.
  persist: { pick: ['drafts'] },
})

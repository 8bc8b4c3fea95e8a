// Answers to checkout questions for a booking chosen offline (composables/useOutbox.ts): the places
// are only known once the hold is made, so attendees are queued by slot and matched to places then.
// Self-contained (structural types, no imports), so the unit test can check it outside Nuxt.

type Answers = Record<string, string | string[] | boolean>

/** What a queued booking keeps (utils/idb.ts, PendingAction.answers). */
export interface QueuedAnswers {
  order: Answers
  /** A slot is a seat's id (the seat is the place) or gaSlot(section, n). */
  attendees?: { slot: string, answers: Answers }[]
}

/** The slot of the n-th place (from 0) of a GA section's line; a seat's slot is its own id. */
export const gaSlot = (sectionId: string, n: number) => `ga:${sectionId}:${n}`

/** The queued answers with each attendee's slot turned into the place the hold gave it. */
export function answersForHold(queued: QueuedAnswers, hold: { items: { placeId: string, sectionId: string, kind: string }[] }) {
  const placeOf = (slot: string): string | undefined => {
    const ga = /^ga:([^:]+):(\d+)$/.exec(slot)
    if (!ga) return hold.items.find(i => i.placeId === slot)?.placeId
    return hold.items.filter(i => i.kind === 'GA' && i.sectionId === ga[1])[Number(ga[2])]?.placeId
  }
  const attendees = (queued.attendees ?? []).flatMap(({ slot, answers }) => {
    const placeId = placeOf(slot)
    return placeId ? [{ placeId, answers }] : []
  })
  return { order: queued.order, attendees }
}

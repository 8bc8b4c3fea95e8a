// Answers to checkout questions for a booking chosen offline (composables/useOutbox.ts): the places
// are only known once the hold is made, so attendees are queued by slot and matched to places then.
import type { HoldDto } from '#shared/types/event'
import type { PendingAction } from './idb'

/** The slot of the n-th place (from 0) of a GA section's line; a seat's slot is its own id. */
export const gaSlot = (sectionId: string, n: number) => `ga:${sectionId}:${n}`

/** The queued answers with each attendee's slot turned into the place the hold gave it (see PendingAction). */
export function answersForHold(queued: NonNullable<PendingAction['answers']>, hold: Pick<HoldDto, 'items'>) {
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


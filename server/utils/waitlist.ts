// After places are freed: offer them to the waitlist, schedule each offer's expiry and tell live views.
import { offerToWaitlist } from '../domain/waitlist/offers.ts'
import { useDb } from './db.ts'
import { announceAvailability, scheduleHoldExpiry } from './side-effects.ts'

export async function offerFreedPlaces(eventId: string): Promise<void> {
  const offers = await offerToWaitlist(useDb(), eventId)
  for (const offer of offers) {
    await scheduleHoldExpiry(offer.holdId, offer.expiresAt)
    await announceAvailability(eventId, offer.placeIds.map(placeId => ({ placeId, status: 'HELD' as const })))
  }
}

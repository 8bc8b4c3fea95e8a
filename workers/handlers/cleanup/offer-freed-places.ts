// Freed places go to the waitlist first (server/domain/waitlist/offers.ts). The worker's counterpart
// of the web's server/utils/waitlist.ts: each offer's expiry is scheduled and live views are told.
// The announcements and jobs are best effort: the sweep and lazy expiry cover a lost one.
import { offerToWaitlist, type Offer } from '../../../server/domain/waitlist/offers.ts'
import { publishAvailability, type PlaceChange } from '../../../server/messaging/availability.ts'
import { scheduleHoldExpiryJob } from '../../../server/messaging/hold-expiry-queue.ts'
import type { CleanupDeps } from './cleanup-deps.ts'

export async function announce(deps: CleanupDeps, eventId: string, changes: PlaceChange[]): Promise<void> {
  if (changes.length === 0) return
  await publishAvailability(deps.redis, eventId, changes)
    .catch((err: Error) => deps.log.warn({ eventId, err: err.message }, 'availability announcement skipped'))
}

export async function offerFreedPlaces(deps: CleanupDeps, eventId: string): Promise<Offer[]> {
  const offers = await offerToWaitlist(deps.db, eventId)
  for (const offer of offers) {
    await scheduleHoldExpiryJob(deps.holdExpiryQueue, offer.holdId, offer.expiresAt)
      .catch((err: Error) => deps.log.warn({ holdId: offer.holdId, err: err.message }, 'offer expiry job skipped; the sweep covers it'))
    await announce(deps, eventId, offer.placeIds.map(placeId => ({ placeId, status: 'HELD' as const })))
  }
  if (offers.length) deps.log.info({ eventId, offers: offers.length }, 'offered freed places to the waitlist')
  return offers
}

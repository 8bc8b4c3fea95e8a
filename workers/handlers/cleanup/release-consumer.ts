// cleanup:release: a hold expired or a booking was cancelled somewhere (web, job, sweep, event
// cancellation), so places may be free: offer them to the waitlist. offerToWaitlist is idempotent
// (it only offers what is free to whoever still waits), so running it after the web did is harmless.
// event.cancelled has no handler: the cancellation already closed the waitlist, there is nobody to
// offer to, and the runtime acks it unhandled.
import { ROUTING_KEYS, type QUEUES } from '../../../server/messaging/names.ts'
import type { HandlerMap, HandlerTools } from '../../runtime/handlers.ts'
import type { CleanupDeps } from './cleanup-deps.ts'
import { offerFreedPlaces } from './offer-freed-places.ts'

export function releaseHandlers(deps: Omit<CleanupDeps, 'log'>): HandlerMap<typeof QUEUES.cleanup> {
  const offer = async ({ eventId }: { eventId: string }, { log }: HandlerTools): Promise<void> => {
    await offerFreedPlaces({ ...deps, log }, eventId)
  }
  return { [ROUTING_KEYS.holdExpired]: offer, [ROUTING_KEYS.bookingCancelled]: offer }
}

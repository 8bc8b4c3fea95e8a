// cleanup:release: a hold expired or a booking was cancelled somewhere (web, job, sweep, event
// cancellation), so places may be free: offer them to the waitlist. The process that freed them
// already did so after its commit (AfterCommit.placesChanged); this is the safety net for a nudge
// lost in between, and harmless otherwise — offerToWaitlist only offers what is free to whoever
// still waits. event.cancelled has no handler: the cancellation already closed the waitlist, there
// is nobody to offer to, and the runtime acks it unhandled.
import { offerToWaitlist } from '../../../server/domain/waitlist/offers.ts'
import { ROUTING_KEYS, type QUEUES } from '../../../server/messaging/names.ts'
import type { HandlerMap, HandlerTools } from '../../runtime/handlers.ts'
import type { CleanupDeps } from './cleanup-deps.ts'

export function releaseHandlers(deps: Pick<CleanupDeps, 'db' | 'effects'>): HandlerMap<typeof QUEUES.cleanup> {
  const offer = async ({ eventId }: { eventId: string }, { log }: HandlerTools): Promise<void> => {
    const offers = await offerToWaitlist(deps.db, deps.effects, eventId)
    if (offers.length) log.info({ eventId, offers: offers.length }, 'offered freed places to the waitlist')
  }
  return { [ROUTING_KEYS.holdExpired]: offer, [ROUTING_KEYS.bookingCancelled]: offer }
}

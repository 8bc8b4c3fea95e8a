// cleanup:release: a hold expired or a booking was cancelled somewhere (web, job, sweep, event
// cancellation), so places may be free: offer them to the waitlist. The process that freed them
// already did so after its commit (AfterCommit.placesChanged); this is the safety net for a nudge
// lost in between, and harmless otherwise — offerToWaitlist only offers what is free to whoever
// still waits.
import { offerToWaitlist } from '../../../server/domain/waitlist/offers.ts'
import type { MessageEnvelope } from '../../../server/messaging/messages.ts'
import { isMessageOf } from '../../../server/messaging/envelope.ts'
import { ROUTING_KEYS } from '../../../server/messaging/names.ts'
import type { HandlerTools } from '../../runtime/consumer.ts'
import type { CleanupDeps } from './cleanup-deps.ts'

export function releaseHandler(deps: Pick<CleanupDeps, 'db' | 'effects'>) {
  return async (message: MessageEnvelope, { log }: HandlerTools): Promise<void> => {
    // event.cancelled: the cancellation already closed the waitlist; there is nobody to offer to.
    if (isMessageOf(message, ROUTING_KEYS.holdExpired) || isMessageOf(message, ROUTING_KEYS.bookingCancelled)) {
      const offers = await offerToWaitlist(deps.db, deps.effects, message.data.eventId)
      if (offers.length) log.info({ eventId: message.data.eventId, offers: offers.length }, 'offered freed places to the waitlist')
    }
  }
}

// cleanup:release: a hold expired or a booking was cancelled somewhere (web, job, sweep, event
// cancellation), so places may be free: offer them to the waitlist. offerToWaitlist is idempotent
// (it only offers what is free to whoever still waits), so running it after the web did is harmless.
import type { MessageEnvelope } from '../../../server/messaging/messages.ts'
import { isMessageOf } from '../../../server/messaging/envelope.ts'
import { ROUTING_KEYS } from '../../../server/messaging/names.ts'
import type { HandlerTools } from '../../runtime/consumer.ts'
import type { CleanupDeps } from './cleanup-deps.ts'
import { offerFreedPlaces } from './offer-freed-places.ts'

export function releaseHandler(deps: Omit<CleanupDeps, 'log'>) {
  return async (message: MessageEnvelope, { log }: HandlerTools): Promise<void> => {
    // event.cancelled: the cancellation already closed the waitlist; there is nobody to offer to.
    if (isMessageOf(message, ROUTING_KEYS.holdExpired) || isMessageOf(message, ROUTING_KEYS.bookingCancelled)) {
      await offerFreedPlaces({ ...deps, log }, message.data.eventId)
    }
  }
}

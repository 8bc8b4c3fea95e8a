// The notifications consumer's message handler: validates the payload for its type and calls the
// matching domain function with the runtime's transaction, so the stored notifications commit
// together with the processed-message record.
import type { Db } from '../../../server/db/client.ts'
import { MESSAGE_PAYLOADS, type MessageEnvelope } from '../../../server/messaging/messages.ts'
import { ROUTING_KEYS } from '../../../server/messaging/names.ts'
import type { LogLike, NotifyContext, TxRunner } from '../../../server/domain/notifications/notice.ts'
import { notifyBookingCancelled, notifyBookingChanged, notifyBookingConfirmed, type BookingNotifyDeps } from '../../../server/domain/notifications/notify-booking.ts'
import { notifyEventCancelled, notifyEventUpdated } from '../../../server/domain/notifications/notify-event.ts'
import { notifyWaitlistOffered, notifyWelcome } from '../../../server/domain/notifications/notify-account.ts'
import { notifyRefundCompleted } from '../../../server/domain/notifications/notify-refund.ts'

export interface HandlerTools {
  db: Db
  log: LogLike
  tx: TxRunner
}

export type NotificationServices = Omit<BookingNotifyDeps, 'db' | 'log'>

export function notificationHandler(services: NotificationServices) {
  return async function handle(message: MessageEnvelope, tools: HandlerTools): Promise<void> {
    const deps: BookingNotifyDeps = { ...services, db: tools.db, log: tools.log }
    const ctx: NotifyContext = { sourceId: message.id, runTx: tools.tx }
    const K = ROUTING_KEYS
    switch (message.type) {
      case K.bookingConfirmed: return notifyBookingConfirmed(deps, ctx, MESSAGE_PAYLOADS[K.bookingConfirmed].parse(message.data))
      case K.bookingChanged: return notifyBookingChanged(deps, ctx, MESSAGE_PAYLOADS[K.bookingChanged].parse(message.data))
      case K.bookingCancelled: return notifyBookingCancelled(deps, ctx, MESSAGE_PAYLOADS[K.bookingCancelled].parse(message.data))
      case K.waitlistOffered: return notifyWaitlistOffered(deps, ctx, MESSAGE_PAYLOADS[K.waitlistOffered].parse(message.data))
      case K.eventUpdated: return notifyEventUpdated(deps, ctx, MESSAGE_PAYLOADS[K.eventUpdated].parse(message.data))
      case K.eventCancelled: return notifyEventCancelled(deps, ctx, MESSAGE_PAYLOADS[K.eventCancelled].parse(message.data))
      case K.userRegistered: return notifyWelcome(deps, ctx, MESSAGE_PAYLOADS[K.userRegistered].parse(message.data))
      case K.refundCompleted: return notifyRefundCompleted(deps, ctx, MESSAGE_PAYLOADS[K.refundCompleted].parse(message.data))
      default:
        // hold.expired and anything else bound here: nothing to tell the user (yet).
        await tools.tx(async () => {})
    }
  }
}

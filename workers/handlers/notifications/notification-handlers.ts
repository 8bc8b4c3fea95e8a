// The notifications consumer's handlers: each calls the matching domain function with its payload
// and the runtime's transaction, so the stored notifications commit together with the
// processed-message record. hold.expired is bound to the queue but has nothing to tell the user
// (yet): it has no handler, and the runtime acks it unhandled.
import { ROUTING_KEYS, type QUEUES } from '../../../server/messaging/names.ts'
import type { NotifyContext } from '../../../server/domain/notifications/notice.ts'
import { notifyBookingCancelled, notifyBookingChanged, notifyBookingConfirmed, type BookingNotifyDeps } from '../../../server/domain/notifications/notify-booking.ts'
import { notifyEventCancelled, notifyEventUpdated } from '../../../server/domain/notifications/notify-event.ts'
import { notifyWaitlistOffered, notifyWelcome } from '../../../server/domain/notifications/notify-account.ts'
import { notifyRefundCompleted } from '../../../server/domain/notifications/notify-refund.ts'
import { notifyPasswordReset } from '../../../server/domain/notifications/notify-password-reset.ts'
import { notifyStaffInvitation } from '../../../server/domain/notifications/notify-staff-invitation.ts'
import { notifyWebhookDisabled } from '../../../server/domain/notifications/notify-webhook.ts'
import type { HandlerMap, HandlerTools } from '../../runtime/handlers.ts'

export type NotificationServices = Omit<BookingNotifyDeps, 'db' | 'log'>

export function notificationHandlers(services: NotificationServices): HandlerMap<typeof QUEUES.notifications> {
  /** Adapts a domain notifier `(deps, ctx, payload)` to a handler `(payload, tools)`. */
  const notifier = <P>(notify: (deps: BookingNotifyDeps, ctx: NotifyContext, payload: P) => Promise<unknown>) =>
    async (payload: P, tools: HandlerTools): Promise<void> => {
      await notify({ ...services, db: tools.db, log: tools.log }, { sourceId: tools.messageId, runTx: tools.tx }, payload)
    }
  const K = ROUTING_KEYS
  return {
    [K.bookingConfirmed]: notifier(notifyBookingConfirmed),
    [K.bookingChanged]: notifier(notifyBookingChanged),
    [K.bookingCancelled]: notifier(notifyBookingCancelled),
    [K.waitlistOffered]: notifier(notifyWaitlistOffered),
    [K.eventUpdated]: notifier(notifyEventUpdated),
    [K.eventCancelled]: notifier(notifyEventCancelled),
    [K.userRegistered]: notifier(notifyWelcome),
    [K.passwordResetRequested]: notifier(notifyPasswordReset),
    [K.staffInvited]: notifier(notifyStaffInvitation),
    [K.refundCompleted]: notifier(notifyRefundCompleted),
    [K.webhookEndpointDisabled]: notifier(notifyWebhookDisabled),
  }
}

// The payments consumer's message handler: Stripe webhooks to apply, refunds to send, a cancelled
// event's paid bookings to refund and its open checkouts to end, and checkouts whose hold ran out.
// Each effect is idempotent (row locks, stored ids, Stripe idempotency keys), so the runtime's
// retries and redeliveries after a crash never pay or refund twice.
import type { Db } from '../../../server/db/client.ts'
import type { AfterCommit, LogLike, TxRunner } from '../../../server/domain/ports.ts'
import type { CardGateway } from '../../../server/domain/payments/card-gateway.ts'
import { endCheckout } from '../../../server/domain/payments/end-checkout.ts'
import { endEventCheckouts, refundCancelledEvent } from '../../../server/domain/payments/event-refunds.ts'
import { executeRefund } from '../../../server/domain/payments/refunds.ts'
import { processWebhook } from '../../../server/domain/payments/webhooks.ts'
import { isMessageOf } from '../../../server/messaging/envelope.ts'
import type { MessageEnvelope } from '../../../server/messaging/messages.ts'
import { ROUTING_KEYS } from '../../../server/messaging/names.ts'

/** The consumer runtime's tools, as far as these handlers use them. */
export interface HandlerTools {
  db: Db
  log: LogLike
  tx: TxRunner
}

export interface PaymentsHandlerDeps {
  /** null without STRIPE_SECRET_KEY: nothing can be paid or refunded by card, messages are acknowledged. */
  gateway: CardGateway | null
  effects: AfterCommit
}

export function paymentsHandler(deps: PaymentsHandlerDeps) {
  return async (message: MessageEnvelope, { db, log, tx }: HandlerTools): Promise<void> => {
    const { gateway, effects } = deps
    if (isMessageOf(message, ROUTING_KEYS.eventCancelled)) {
      // Checkouts first: the fan-out below marks the message processed in its transaction.
      await endEventCheckouts(db, effects, gateway, message.data.eventId, log)
      const refunds = await refundCancelledEvent(db, tx, message.data.eventId)
      if (refunds) log.info({ eventId: message.data.eventId, refunds }, 'refunds of a cancelled event requested')
      return
    }
    if (!gateway) {
      log.warn({ type: message.type }, 'STRIPE_SECRET_KEY unset: payment message acknowledged without effect')
      return
    }
    if (isMessageOf(message, ROUTING_KEYS.paymentWebhookReceived)) {
      await processWebhook({ db, effects, gateway, log }, message.data.paymentEventId)
    } else if (isMessageOf(message, ROUTING_KEYS.refundRequested)) {
      await executeRefund(db, gateway, message.data.refundId, log)
    } else if (isMessageOf(message, ROUTING_KEYS.holdExpired)) {
      const pending = await db.booking.findFirst({ where: { holdId: message.data.holdId, status: 'PENDING_PAYMENT' }, select: { id: true } })
      if (pending) {
        const ended = await endCheckout(db, effects, gateway, pending.id, 'CHECKOUT_EXPIRED')
        log.info({ bookingId: pending.id, outcome: ended.outcome }, 'checkout of an expired hold ended')
      }
    }
  }
}

// The payments consumer's handlers: Stripe webhooks to apply, refunds to send, a cancelled event's
// paid bookings to refund and its open checkouts to end, and checkouts whose hold ran out. Each
// effect is idempotent (row locks, stored ids, Stripe idempotency keys), so the runtime's retries and
// redeliveries after a crash never pay or refund twice. Without STRIPE_SECRET_KEY only the event
// cancellation has work to do (pending checkouts end without asking Stripe); the rest is acknowledged.
import type { AfterCommit } from '../../../server/domain/ports.ts'
import type { CardGateway } from '../../../server/domain/payments/card-gateway.ts'
import { endCheckout } from '../../../server/domain/payments/end-checkout.ts'
import { endEventCheckouts, refundCancelledEvent } from '../../../server/domain/payments/event-refunds.ts'
import { executeRefund } from '../../../server/domain/payments/refunds.ts'
import { processWebhook } from '../../../server/domain/payments/webhooks.ts'
import { ROUTING_KEYS, type QUEUES } from '../../../server/messaging/names.ts'
import type { HandlerMap, HandlerTools } from '../../runtime/handlers.ts'

export interface PaymentsHandlerDeps {
  /** null without STRIPE_SECRET_KEY: nothing can be paid or refunded by card. */
  gateway: CardGateway | null
  effects: AfterCommit
}

export function paymentsHandlers({ gateway, effects }: PaymentsHandlerDeps): HandlerMap<typeof QUEUES.payments> {
  /** Runs `work` with the gateway, or acknowledges the message when there is none. */
  const withGateway = <P>(work: (gateway: CardGateway, data: P, tools: HandlerTools) => Promise<void>) =>
    async (data: P, tools: HandlerTools): Promise<void> => {
      if (gateway) return work(gateway, data, tools)
      tools.log.warn('STRIPE_SECRET_KEY unset: payment message acknowledged without effect')
    }
  const K = ROUTING_KEYS
  return {
    [K.eventCancelled]: async ({ eventId }, { db, log, tx }) => {
      // Checkouts first: the fan-out below marks the message processed in its transaction.
      await endEventCheckouts(db, effects, gateway, eventId, log)
      const refunds = await refundCancelledEvent(db, tx, eventId)
      if (refunds) log.info({ eventId, refunds }, 'refunds of a cancelled event requested')
    },
    [K.paymentWebhookReceived]: withGateway(async (gw, { paymentEventId }: { paymentEventId: string }, { db, log }) => {
      await processWebhook({ db, effects, gateway: gw, log }, paymentEventId)
    }),
    [K.refundRequested]: withGateway(async (gw, { refundId }: { refundId: string }, { db, log }) => {
      await executeRefund(db, gw, refundId, log)
    }),
    [K.holdExpired]: withGateway(async (gw, { holdId }: { holdId: string }, { db, log }) => {
      const pending = await db.booking.findFirst({ where: { holdId, status: 'PENDING_PAYMENT' }, select: { id: true } })
      if (!pending) return
      const ended = await endCheckout(db, effects, gw, pending.id, 'CHECKOUT_EXPIRED')
      log.info({ bookingId: pending.id, outcome: ended.outcome }, 'checkout of an expired hold ended')
    }),
  }
}

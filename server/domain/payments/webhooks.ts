// Stripe's webhooks: the route stores each verified event once (its evt_ id is the key, so a repeat
// delivery adds nothing) with a payment.webhook_received message in the same transaction, and
// answers at once. The payments worker then applies it here. Every handler reads and writes current
// state under row locks, so repeated, late and out-of-order events all end in the same place.
import type { Db, Prisma } from '../../db/client.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import type { AfterCommit, LogLike } from '../ports.ts'
import type { CardGateway } from './card-gateway.ts'
import { endCheckout } from './end-checkout.ts'
import { applyProviderRefund } from './refunds.ts'
import { settleCheckout } from './settle-checkout.ts'

export async function recordWebhook(db: Db, event: { id: string, type: string, payload: unknown }): Promise<'recorded' | 'repeat'> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.paymentEvent.createMany({ data: [{ id: event.id, type: event.type, payload: event.payload as Prisma.InputJsonValue }], skipDuplicates: true })
    if (count === 0) return 'repeat'
    await writeOutbox(tx, ROUTING_KEYS.paymentWebhookReceived, { paymentEventId: event.id, type: event.type })
    return 'recorded'
  })
}

export interface WebhookDeps {
  db: Db
  effects: AfterCommit
  gateway: CardGateway
  log: LogLike
}

/** A payment's refunds as the processor lists them, after making sure its booking has the payment. */
async function reconcilePayment(deps: WebhookDeps, paymentIntentId: string): Promise<void> {
  const known = await deps.db.booking.count({ where: { paymentRef: paymentIntentId } })
  if (!known) {
    // The refund's news came before the payment's: settle the payment first (from its session).
    const session = await deps.gateway.checkoutOfPayment(paymentIntentId)
    if (!session) {
      deps.log.warn({ paymentIntentId }, 'a refund for a payment Bookify does not know; ignored')
      return
    }
    await settleCheckout(deps.db, deps.effects, session)
  }
  for (const refund of await deps.gateway.refundsOfPayment(paymentIntentId)) await applyProviderRefund(deps.db, refund)
}

export async function processWebhook(deps: WebhookDeps, paymentEventId: string): Promise<string> {
  const stored = await deps.db.paymentEvent.findUnique({ where: { id: paymentEventId } })
  if (!stored) return 'missing'
  const notice = deps.gateway.readEvent(stored.payload)
  let outcome: string = notice.kind
  switch (notice.kind) {
    case 'checkout-completed':
      outcome = (await settleCheckout(deps.db, deps.effects, notice.session)).outcome
      break
    case 'checkout-expired':
      if (notice.session.bookingId && /^[0-9a-f-]{36}$/i.test(notice.session.bookingId)) {
        outcome = (await endCheckout(deps.db, deps.effects, deps.gateway, notice.session.bookingId, 'CHECKOUT_EXPIRED')).outcome
      }
      break
    case 'refund': {
      const applied = await applyProviderRefund(deps.db, notice.refund)
      if (applied === 'unknown-payment' && notice.refund.paymentIntentId) await reconcilePayment(deps, notice.refund.paymentIntentId)
      outcome = applied
      break
    }
    case 'payment-refunded':
      await reconcilePayment(deps, notice.paymentIntentId)
      break
    case 'ignored':
      break
  }
  await deps.db.paymentEvent.update({ where: { id: paymentEventId }, data: { processedAt: new Date() } })
  deps.log.info({ paymentEventId, type: stored.type, outcome }, 'stripe event applied')
  return outcome
}

// Payments worker: applies Stripe's webhooks, sends refunds (one message each, retried with backoff
// and dead-lettered by the consumer runtime), refunds every paid booking of a cancelled event, and
// ends card checkouts whose time is up (on hold.expired, and a sweep every 30 s for anything missed,
// which also re-sends refunds left pending). Without STRIPE_SECRET_KEY it acknowledges and waits.
import cron from 'node-cron'
import { config } from '../server/config/env.ts'
import { createStripeClient, stripeGateway } from '../server/adapters/stripe-gateway.ts'
import { endCheckout, overdueCheckouts } from '../server/domain/payments/end-checkout.ts'
import { executeRefund } from '../server/domain/payments/refunds.ts'
import { QUEUES, deadLetterQueue } from '../server/messaging/names.ts'
import { paymentsHandlers } from './handlers/payments/payments-handlers.ts'
import { workerAfterCommit } from './runtime/after-commit.ts'
import { startConsumer } from './runtime/consumer.ts'
import { runWorker } from './runtime/lifecycle.ts'
import { serveMetrics } from '../server/observability/metrics-server.ts'
import { registerQueueDepthGauges } from '../server/observability/queue-depth.ts'
import { workerDb, workerRabbit } from './runtime/shared-connections.ts'

/** A refund still pending this long after its last change is sent again by the sweep. */
const STALE_REFUND_MS = 2 * 60_000

await runWorker('payments', async (ctx) => {
  const cfg = config()
  const db = await workerDb(ctx)
  const connection = await workerRabbit(ctx, 'payments')
  const effects = await workerAfterCommit(ctx)
  const gateway = cfg.stripeSecretKey ? stripeGateway(createStripeClient({ secretKey: cfg.stripeSecretKey, apiBase: cfg.stripeApiBase })) : null

  await startConsumer(ctx, { queue: QUEUES.payments, name: 'payments', handlers: paymentsHandlers({ gateway, effects }) })

  if (gateway) {
    const log = ctx.log.child({ task: 'sweep' })
    const sweep = cron.schedule('*/30 * * * * *', async () => {
      try {
        for (const bookingId of await overdueCheckouts(db)) {
          const ended = await endCheckout(db, effects, gateway, bookingId, 'CHECKOUT_EXPIRED')
          log.info({ bookingId, outcome: ended.outcome }, 'overdue checkout ended (sweep)')
        }
        const stale = await db.refund.findMany({ where: { status: 'PENDING', providerRefundId: null, updatedAt: { lt: new Date(Date.now() - STALE_REFUND_MS) } }, take: 100, select: { id: true } })
        for (const { id } of stale) await executeRefund(db, gateway, id, log).catch(err => log.warn({ refundId: id, err: (err as Error).message }, 'refund still not sent'))
      } catch (err) {
        log.error({ err }, 'payments sweep failed')
      }
    }, { name: 'payments-sweep', noOverlap: true })
    ctx.onShutdown(() => sweep.stop())
  }

  registerQueueDepthGauges(connection, [QUEUES.payments, deadLetterQueue(QUEUES.payments)])
  await serveMetrics(ctx, 'payments')
  ctx.log.info({ stripe: gateway ? (cfg.stripeApiBase ?? 'api.stripe.com') : 'unset: messages acknowledged without effect' }, 'payments running')
})

// `npm run fake:stripe`: the fake Stripe of the tests (fake-stripe.ts) on a fixed local port, for
// trying paid bookings without a Stripe account. Point Bookify at it with the three variables it
// prints (in .env, or the environment of `npm start`); its webhooks go to APP_URL's webhook route.
import { startFakeStripe } from './fake-stripe.ts'

const port = Number(process.env.FAKE_STRIPE_PORT || 12111)
const appUrl = (process.env.APP_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, '')
const stripe = await startFakeStripe({
  port,
  secretKey: process.env.STRIPE_SECRET_KEY || 'sk_test_bookify_local_fake',
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET || 'whsec_bookify_local_fake',
  webhookUrl: `${appUrl}/api/payments/stripe/webhook`,
  log: line => console.log(`[fake-stripe] ${line}`),
})

console.log(`
  Fake Stripe is listening on ${stripe.url} (test mode; nothing is charged).
  Webhooks go to ${appUrl}/api/payments/stripe/webhook.

  Start Bookify with these settings (e.g. in .env):

    STRIPE_API_BASE=${stripe.url}
    STRIPE_SECRET_KEY=${stripe.secretKey}
    STRIPE_WEBHOOK_SECRET=${stripe.webhookSecret}

  Press Ctrl-C to stop.
`)

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void stripe.close().then(() => process.exit(0)))
}

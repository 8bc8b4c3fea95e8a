// Playwright's counterpart of global-setup.ts: the real built server on a throw-away database.
// The URL reaches the tests as E2E_BASE_URL (read by playwright.config.ts in each worker).
import { randomBytes } from 'node:crypto'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { createTestDatabase } from './database.ts'
import { startFakeStripe } from './fake-stripe.ts'
import { startServer } from './server.ts'

export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureBuild()
  const db = await createTestDatabase('bookify_e2e')
  // Card payments go to a fake Stripe (its hosted page is what the payments spec clicks through);
  // its webhooks come back to the server. No worker runs here: the success URL settles payments.
  const stripe = await startFakeStripe()
  try {
    const server = await startServer({
      DATABASE_URL: db.url,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_BASE: stripe.url,
    })
    stripe.setWebhookUrl(`${server.url}/api/payments/stripe/webhook`)
    stripe.setWebhookMode('send')
    process.env.E2E_BASE_URL = server.url
    process.env.E2E_DATABASE_URL = db.url
    process.env.E2E_STRIPE_URL = stripe.url
    return async () => {
      await server.stop()
      await stripe.close()
      await db.drop()
    }
  } catch (error) {
    await stripe.close()
    await db.drop()
    throw error
  }
}

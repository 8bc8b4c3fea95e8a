// Cleanup worker (placeholder until its issue lands): will run BullMQ hold/offer expiry jobs and
// node-cron sweeps that tidy expired holds and stale rows. Correctness never waits on it (lazy expiry).
import { connectPostgres, connectRedis } from './runtime/connections.ts'
import { runWorker } from './runtime/lifecycle.ts'

await runWorker('cleanup', async (ctx) => {
  await connectPostgres(ctx)
  await connectRedis(ctx)
  ctx.log.info({ connected: ['postgresql', 'redis'], state: 'idle', willDo: 'expire holds and waitlist offers (BullMQ), periodic sweeps (node-cron)' }, 'connected; idle until cleanup is implemented')
})

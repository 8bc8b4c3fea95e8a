// Notifications consumer (placeholder until its issue lands): will store in-app notifications and
// send e-mail for booking, waitlist and event changes, idempotent by message id.
import { QUEUES } from '../server/messaging/names.ts'
import { connectPostgres, connectRabbit } from './runtime/connections.ts'
import { runWorker } from './runtime/lifecycle.ts'

await runWorker('notifications', async (ctx) => {
  await connectPostgres(ctx)
  await connectRabbit(ctx, 'notifications')
  ctx.log.info({ connected: ['postgresql', 'rabbitmq'], state: 'idle', willDo: `consume ${QUEUES.notifications}: in-app notifications and e-mail` }, 'connected; idle until notifications are implemented')
})

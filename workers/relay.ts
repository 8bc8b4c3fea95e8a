// Outbox relay (placeholder until its issue lands): will publish unpublished outbox rows to the
// bookify.events exchange with publisher confirms, marking each row published once confirmed.
import { EVENTS_EXCHANGE } from '../server/messaging/names.ts'
import { connectPostgres, connectRabbit } from './runtime/connections.ts'
import { runWorker } from './runtime/lifecycle.ts'

await runWorker('relay', async (ctx) => {
  await connectPostgres(ctx)
  await connectRabbit(ctx, 'relay')
  ctx.log.info({ connected: ['postgresql', 'rabbitmq'], state: 'idle', willDo: `publish outbox rows to ${EVENTS_EXCHANGE} with publisher confirms` }, 'connected; idle until the outbox relay is implemented')
})

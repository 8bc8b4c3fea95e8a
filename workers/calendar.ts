// Calendar sync consumer (placeholder until its issue lands): will create, move and delete the
// Google Calendar entries of users who linked their calendar, as their bookings change.
import { QUEUES } from '../server/messaging/names.ts'
import { connectPostgres, connectRabbit } from './runtime/connections.ts'
import { runWorker } from './runtime/lifecycle.ts'

await runWorker('calendar', async (ctx) => {
  await connectPostgres(ctx)
  await connectRabbit(ctx, 'calendar')
  ctx.log.info({ connected: ['postgresql', 'rabbitmq'], state: 'idle', willDo: `consume ${QUEUES.calendarSync}: sync bookings to Google Calendar` }, 'connected; idle until calendar sync is implemented')
})

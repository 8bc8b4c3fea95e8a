// Calendar sync worker: keeps linked users' Google Calendars in line with their bookings
// (insert on booking.confirmed, patch on booking.changed/event.updated, delete on cancellations).
// Without GOOGLE_CLIENT_ID nobody can be linked, and messages are acknowledged without effect.
import { config } from '../server/config/env.ts'
import { QUEUES } from '../server/messaging/names.ts'
import { googleConfigOf } from '../server/domain/calendar/google/google-config.ts'
import { calendarHandlers } from './handlers/calendar/calendar-handlers.ts'
import { workerAfterCommit } from './runtime/after-commit.ts'
import { startConsumer } from './runtime/consumer.ts'
import { runWorker } from './runtime/lifecycle.ts'
import { serveMetrics } from '../server/observability/metrics-server.ts'

/** Rate limits clear in minutes: more attempts than the default before dead-lettering (2-minute steps at the end). */
const CALENDAR_MAX_ATTEMPTS = 10

await runWorker('calendar', async (ctx) => {
  const cfg = googleConfigOf(config())
  if (!cfg) {
    await startConsumer(ctx, { queue: QUEUES.calendarSync, name: 'calendar-sync', handlers: {} })
    ctx.log.info('GOOGLE_CLIENT_ID unset: calendar sync messages are acknowledged without effect')
  } else {
    await startConsumer(ctx, {
      queue: QUEUES.calendarSync,
      name: 'calendar-sync',
      maxAttempts: CALENDAR_MAX_ATTEMPTS,
      handlers: calendarHandlers({ cfg, effects: await workerAfterCommit(ctx) }),
    })
  }
  await serveMetrics(ctx, 'calendar')
  ctx.log.info('calendar sync running')
})

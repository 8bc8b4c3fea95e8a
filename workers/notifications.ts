// Notifications worker: in-app notifications and e-mail for booking, waitlist, event and account
// messages (consumer runtime, idempotent by message id), the 24-hour reminders (BullMQ delayed jobs
// on JOB_QUEUES.reminders, re-added hourly by a sweep), and live push through the AfterCommit port.
import { Queue, Worker } from 'bullmq'
import { config } from '../server/config/env.ts'
import { JOB_QUEUES, type ReminderJob } from '../server/messaging/jobs.ts'
import { QUEUES } from '../server/messaging/names.ts'
import { createMailer } from '../server/domain/notifications/mailer.ts'
import { scheduleUpcomingReminders } from '../server/domain/notifications/reminder-sweep.ts'
import { notificationHandlers, type NotificationServices } from './handlers/notifications/notification-handlers.ts'
import { reminderProcessor } from './handlers/notifications/reminder-processor.ts'
import { workerAfterCommit } from './runtime/after-commit.ts'
import { startConsumer } from './runtime/consumer.ts'
import { runWorker } from './runtime/lifecycle.ts'
import { serveMetrics } from '../server/observability/metrics-server.ts'
import { workerDb, workerRedis } from './runtime/shared-connections.ts'

await runWorker('notifications', async (ctx) => {
  const cfg = config()
  const db = await workerDb(ctx)
  const redis = await workerRedis(ctx)
  const mailer = createMailer({ smtpUrl: cfg.smtpUrl, mailDir: cfg.mailDir, from: cfg.mailFrom, log: ctx.log })
  ctx.onShutdown(() => mailer.close())
  const reminders = new Queue<ReminderJob>(JOB_QUEUES.reminders, { connection: redis, prefix: cfg.bullPrefix })
  ctx.onShutdown(() => reminders.close())
  const services: NotificationServices = { mailer, appUrl: cfg.appUrl, effects: await workerAfterCommit(ctx), reminders }

  const remind = reminderProcessor({ ...services, db, log: ctx.log })
  const jobs = new Worker<ReminderJob>(JOB_QUEUES.reminders, job => remind(job), { connection: redis, prefix: cfg.bullPrefix, concurrency: 5 })
  jobs.on('failed', (job, err) => ctx.log.warn({ jobId: job?.id, err: err.message }, 'reminder job failed'))
  jobs.on('error', err => ctx.log.warn({ err: err.message }, 'reminder worker error'))
  ctx.onShutdown(() => jobs.close())

  await startConsumer(ctx, { queue: QUEUES.notifications, name: 'notifications', handlers: notificationHandlers(services) })

  const sweep = () => scheduleUpcomingReminders(db, reminders)
    .then(n => ctx.log.info({ scheduled: n }, 'reminder sweep done'))
    .catch(err => ctx.log.warn({ err: (err as Error).message }, 'reminder sweep failed'))
  void sweep()
  const timer = setInterval(sweep, cfg.reminderSweepMs)
  ctx.onShutdown(() => clearInterval(timer))

  await serveMetrics(ctx, 'notifications')
  ctx.log.info({ smtp: cfg.smtpUrl ? 'configured' : `unset: writing .eml files to ${cfg.mailDir}` }, 'notifications running')
})

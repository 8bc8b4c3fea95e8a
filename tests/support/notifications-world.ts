// The real relay and notifications worker processes, in a test file's own RabbitMQ vhost and BullMQ
// prefix, sending mail to a fake SMTP server — for tests that follow a booking through RabbitMQ.
import { randomBytes } from 'node:crypto'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { JOB_QUEUES } from '../../server/messaging/jobs.ts'
import { ROUTING_KEYS } from '../../server/messaging/names.ts'
import { writeOutbox } from '../../server/messaging/outbox.ts'
import { createUsers, testDb } from './fixtures.ts'
import { baseUrl } from './http.ts'
import { startFakeSmtp, type FakeSmtp } from './fake-smtp.ts'
import { createTestVhost, type TestVhost } from './rabbitmq.ts'
import { startWorker, type RunningWorker } from './workers.ts'

export interface NotificationsWorld {
  smtp: FakeSmtp
  relay: RunningWorker
  notifications: RunningWorker
  bullPrefix: string
  /** A reminders queue handle on this world's prefix; the caller closes it and its connection. */
  remindersQueue(): { queue: Queue, close(): Promise<void> }
  /**
   * The positive marker for "nothing arrives twice": a welcome for a fresh user, written to the outbox
   * now and followed through the same relay, queue and worker. Resolves once it is handled (its e-mail
   * is sent before that), so whatever was queued before it — a second copy of anything — came first.
   */
  passMarker(): Promise<void>
  stop(): Promise<void>
}

function remindersQueue(prefix: string) {
  const redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null })
  const queue = new Queue(JOB_QUEUES.reminders, { connection: redis, prefix })
  return { queue, close: async () => { await queue.close(); redis.disconnect() } }
}

export async function startNotificationsWorld(): Promise<NotificationsWorld> {
  const bullPrefix = `bookify-test-${randomBytes(4).toString('hex')}`
  const [vhost, smtp] = await Promise.all([createTestVhost(), startFakeSmtp()]) as [TestVhost, FakeSmtp]
  const [relay, notifications] = await Promise.all([
    startWorker('relay', { AMQP_URL: vhost.url }),
    startWorker('notifications', { AMQP_URL: vhost.url, SMTP_URL: smtp.url, BULLMQ_PREFIX: bullPrefix, APP_URL: baseUrl() }),
  ])
  return {
    smtp,
    relay,
    notifications,
    bullPrefix,
    remindersQueue: () => remindersQueue(bullPrefix),
    async passMarker() {
      const [user] = await createUsers(1)
      await writeOutbox(testDb(), ROUTING_KEYS.userRegistered, { userId: user!.id })
      const { id } = await testDb().outboxMessage.findFirstOrThrow({ where: { routingKey: ROUTING_KEYS.userRegistered, aggregateId: user!.id } })
      await notifications.waitForLog(l => l.messageId === id && l.outcome === 'ok', 30_000)
    },
    async stop() {
      await Promise.all([relay.stop(), notifications.stop()])
      const reminders = remindersQueue(bullPrefix)
      await reminders.queue.obliterate({ force: true }).catch(() => {})
      await reminders.close()
      await smtp.close()
      await vhost.drop()
    },
  }
}

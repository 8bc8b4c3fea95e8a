// A worker process with a test handler, run by tests/support/workers.ts: consumes TEST_QUEUE through
// the real consumer runtime and records each handled message in test_consumer_effects (created by
// TEST_EFFECTS_TABLE in workers.ts), inside the
// runtime's transaction. Knobs (env): TEST_CONSUMER_NAME, TEST_DELAY_MS (sleep before commit),
// TEST_FAIL_TYPES (comma-separated routing keys whose handler always throws), TEST_MAX_ATTEMPTS.
import type { QueueName } from '../../server/messaging/names.ts'
import { startConsumer } from '../../workers/runtime/consumer.ts'
import { runWorker } from '../../workers/runtime/lifecycle.ts'

const env = process.env
const delayMs = Number(env.TEST_DELAY_MS ?? 0)
const failTypes = new Set((env.TEST_FAIL_TYPES ?? '').split(',').filter(Boolean))

await runWorker('test-consumer', async (ctx) => {
  await startConsumer(ctx, {
    queue: env.TEST_QUEUE as QueueName,
    name: env.TEST_CONSUMER_NAME ?? 'test-consumer',
    maxAttempts: env.TEST_MAX_ATTEMPTS ? Number(env.TEST_MAX_ATTEMPTS) : undefined,
    async handle(message, { log, tx }) {
      if (failTypes.has(message.type)) throw new Error(`test handler refuses ${message.type}`)
      await tx(async (t) => {
        await t.$executeRaw`INSERT INTO test_consumer_effects (consumer, message_id) VALUES (${env.TEST_CONSUMER_NAME ?? 'test-consumer'}, ${message.id})`
        log.info({ delayMs }, 'test handler wrote its effect; committing after the delay')
        if (delayMs) await new Promise(resolve => setTimeout(resolve, delayMs))
      })
    },
  })
})

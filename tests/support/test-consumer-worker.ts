// A worker process with a test handler, run by tests/support/workers.ts: consumes TEST_QUEUE through
// the real consumer runtime and records each handled message in test_consumer_effects (created by
// TEST_EFFECTS_TABLE in workers.ts), inside the runtime's transaction. The same handler serves every
// routing key bound to the queue. Knobs (env): TEST_CONSUMER_NAME, TEST_DELAY_MS (sleep before
// commit), TEST_FAIL_TYPES (comma-separated routing keys whose handler always throws),
// TEST_UNHANDLED_TYPES (routing keys left out of the handler map), TEST_MAX_ATTEMPTS, TEST_EXIT_IDS
// (message ids whose handling kills the process, 300 ms in, as running out of memory would; ids, not
// types: the file's relay also publishes other files' real messages into this vhost).
import { QUEUE_BINDINGS, type QueueName, type RoutingKey } from '../../server/messaging/names.ts'
import { startConsumer } from '../../workers/runtime/consumer.ts'
import type { HandlerMap, HandlerTools } from '../../workers/runtime/handlers.ts'
import { runWorker } from '../../workers/runtime/lifecycle.ts'

const env = process.env
const queue = env.TEST_QUEUE as QueueName
const consumer = env.TEST_CONSUMER_NAME ?? 'test-consumer'
const delayMs = Number(env.TEST_DELAY_MS ?? 0)
const failTypes = new Set((env.TEST_FAIL_TYPES ?? '').split(',').filter(Boolean))
const unhandled = new Set((env.TEST_UNHANDLED_TYPES ?? '').split(',').filter(Boolean))
const exitIds = new Set((env.TEST_EXIT_IDS ?? '').split(',').filter(Boolean))

function handlerOf(type: RoutingKey) {
  return async (_data: unknown, { log, tx, messageId }: HandlerTools): Promise<void> => {
    if (failTypes.has(type)) {
      log.info({ messageId }, 'test handler called; refusing')
      throw new Error(`test handler refuses ${type}`)
    }
    if (exitIds.has(messageId)) {
      log.warn({ messageId }, 'test handler kills its process')
      await new Promise(resolve => setTimeout(resolve, 300))
      process.exit(1)
    }
    await tx(async (t) => {
      await t.$executeRaw`INSERT INTO test_consumer_effects (consumer, message_id) VALUES (${consumer}, ${messageId})`
      log.info({ delayMs }, 'test handler wrote its effect; committing after the delay')
      if (delayMs) await new Promise(resolve => setTimeout(resolve, delayMs))
    })
  }
}

await runWorker('test-consumer', async (ctx) => {
  const handlers: HandlerMap<QueueName> = Object.fromEntries(QUEUE_BINDINGS[queue].filter(type => !unhandled.has(type)).map(type => [type, handlerOf(type)]))
  await startConsumer(ctx, {
    queue,
    name: consumer,
    maxAttempts: env.TEST_MAX_ATTEMPTS ? Number(env.TEST_MAX_ATTEMPTS) : undefined,
    handlers,
  })
})

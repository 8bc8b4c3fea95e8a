// Search index builder: on every event.* message, rebuilds the lunr snapshot of published events,
// stores it in PostgreSQL and announces it over Redis (server/domain/search/refresh.ts). Messages
// are handled concurrently and refreshSearchIndex coalesces them, so a burst makes one or two builds
// and a change is searchable well within 2 s.
import { QUEUES, ROUTING_KEYS, deadLetterQueue } from '../server/messaging/names.ts'
import { refreshSearchIndex } from '../server/domain/search/refresh.ts'
import { startConsumer } from './runtime/consumer.ts'
import type { HandlerTools } from './runtime/handlers.ts'
import { runWorker } from './runtime/lifecycle.ts'
import { serveMetrics } from '../server/observability/metrics-server.ts'
import { registerQueueDepthGauges } from '../server/observability/queue-depth.ts'
import { workerDb, workerRabbit, workerRedis } from './runtime/shared-connections.ts'

/** Long enough to gather a burst into one build, short enough to stay far under the 2 s promise. */
const DEBOUNCE_MS = 250

await runWorker('search-index', async (ctx) => {
  const db = await workerDb(ctx)
  const redis = await workerRedis(ctx)
  const connection = await workerRabbit(ctx, 'search-index')
  const refresh = async (_data: unknown, { log }: HandlerTools) => {
    const result = await refreshSearchIndex(db, redis, { debounceMs: DEBOUNCE_MS })
    log.info({ version: Number(result.version), events: result.eventCount, announced: result.announced }, 'search index refreshed')
  }
  const K = ROUTING_KEYS
  await startConsumer(ctx, {
    queue: QUEUES.searchIndex,
    name: 'search-index',
    // Every event.* message asks for the same thing (a fresh snapshot): no per-event ordering needed.
    orderByAggregate: false,
    handlers: { [K.eventPublished]: refresh, [K.eventUpdated]: refresh, [K.eventCancelled]: refresh },
  })
  registerQueueDepthGauges(connection, [QUEUES.searchIndex, deadLetterQueue(QUEUES.searchIndex)])
  await serveMetrics(ctx, 'search-index')
})

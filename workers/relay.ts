// Outbox relay: publishes outbox rows to the bookify.events exchange with publisher confirms and marks
// each row published once the broker confirmed it (workers/runtime/outbox-relay.ts). Any number may
// run: rows are claimed with SKIP LOCKED and only an aggregate's oldest unpublished row is claimable.
import type { ConfirmChannel } from 'amqplib'
import { config } from '../server/config/env.ts'
import { QUEUES, deadLetterQueue } from '../server/messaging/names.ts'
import { registerOutboxGauges } from '../server/observability/outbox-gauges.ts'
import { declareTopology } from '../server/messaging/topology.ts'
import { migrateClassicQueues } from '../server/messaging/queue-migration.ts'
import { keepChannel } from './runtime/channel-keeper.ts'
import { runWorker } from './runtime/lifecycle.ts'
import { serveMetrics } from '../server/observability/metrics-server.ts'
import { startOutboxRelay } from './runtime/outbox-relay.ts'
import { registerQueueDepthGauges } from '../server/observability/queue-depth.ts'
import { workerDb, workerRabbit } from './runtime/shared-connections.ts'

await runWorker('relay', async (ctx) => {
  const db = await workerDb(ctx)
  const connection = await workerRabbit(ctx, 'relay')
  // The topology is declared again on every new channel, i.e. after every reconnect.
  const channels = keepChannel<ConfirmChannel>(ctx, connection, { name: 'relay', confirm: true, setup: channel => declareTopology(channel, config().retryDelaysMs) })
  ctx.onShutdown(() => channels.close())
  await channels.ready()
  await migrateClassicQueues(connection, config().retryDelaysMs, ctx.log)
  const relay = startOutboxRelay(ctx, db, channels, { pollMs: config().relayPollMs })
  ctx.onShutdown(() => relay.stop())

  registerOutboxGauges(db)
  registerQueueDepthGauges(connection, Object.values(QUEUES).flatMap(q => [q, deadLetterQueue(q)]))
  await serveMetrics(ctx, 'relay')
  ctx.log.info('relaying the outbox')
})

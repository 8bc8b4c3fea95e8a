// Connect helpers for workers. Each checks the connection really works before returning and
// registers its own close, so a worker's entry file only says what it needs.
import { connect as connectAmqp, type RecoveringChannelModel } from 'amqplib'
import { Redis } from 'ioredis'
import { config } from '../../server/config/env.ts'
import { createDb, type Db } from '../../server/db/client.ts'
import type { WorkerContext } from './lifecycle.ts'

export async function connectPostgres({ onShutdown }: WorkerContext, url = config().databaseUrl): Promise<Db> {
  const db = createDb(url, { max: 5, preparedStatements: config().databasePreparedStatements })
  onShutdown(() => db.$disconnect())
  await db.$queryRaw`SELECT 1`
  return db
}

export async function connectRedis({ onShutdown }: WorkerContext, url = config().redisUrl): Promise<Redis> {
  // BullMQ needs maxRetriesPerRequest: null on connections it uses; harmless elsewhere.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null, connectTimeout: 5_000 })
  onShutdown(() => redis.quit())
  await redis.connect()
  await redis.ping()
  return redis
}

/** A RabbitMQ connection that fails fast at start-up but, once up, reconnects for ever. */
export async function connectRabbit({ log, onShutdown }: WorkerContext, worker: string, url = config().amqpUrl): Promise<RecoveringChannelModel> {
  const connection = await connectAmqp(url, {
    timeout: 5_000,
    clientProperties: { connection_name: `bookify-${worker}` },
    recovery: { initialMaxRetries: 3, maxRetries: Infinity, maxDelay: config().amqpReconnectMaxMs },
  })
  onShutdown(() => connection.close())
  connection.on('disconnect', (err: Error) => log.warn({ err: err.message }, 'RabbitMQ connection lost; reconnecting'))
  connection.on('connect', () => log.info('RabbitMQ connection (re)established'))
  connection.on('error', (err: Error) => log.warn({ err: err.message }, 'RabbitMQ connection error'))
  return connection
}

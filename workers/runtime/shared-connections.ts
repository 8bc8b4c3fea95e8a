// One PostgreSQL pool, one Redis client and one RabbitMQ connection per worker process, opened on
// first use, so the consumer runtime and a worker's own code share them instead of each opening more.
import type { RecoveringChannelModel } from 'amqplib'
import type { Redis } from 'ioredis'
import type { Db } from '../../server/db/client.ts'
import { connectPostgres, connectRabbit, connectRedis } from './connections.ts'
import type { WorkerContext } from './lifecycle.ts'

interface Shared {
  db?: Promise<Db>
  redis?: Promise<Redis>
  rabbit?: Promise<RecoveringChannelModel>
}

const perWorker = new WeakMap<WorkerContext, Shared>()

function shared(ctx: WorkerContext): Shared {
  let s = perWorker.get(ctx)
  if (!s) perWorker.set(ctx, s = {})
  return s
}

export function workerDb(ctx: WorkerContext): Promise<Db> {
  const s = shared(ctx)
  return s.db ??= connectPostgres(ctx)
}

export function workerRedis(ctx: WorkerContext): Promise<Redis> {
  const s = shared(ctx)
  return s.redis ??= connectRedis(ctx)
}

/** `worker` names the connection in RabbitMQ's management views; the first caller's name wins. */
export function workerRabbit(ctx: WorkerContext, worker: string): Promise<RecoveringChannelModel> {
  const s = shared(ctx)
  return s.rabbit ??= connectRabbit(ctx, worker)
}

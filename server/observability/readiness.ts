// Readiness: PostgreSQL, Redis and RabbitMQ each asked in parallel, each given at most a second.
import { config } from '../config/env.ts'
import { useDb } from '../utils/db.ts'
import { useRedis } from '../utils/redis.ts'
import { createRabbitProbe, type RabbitProbe } from './rabbit-probe.ts'

const CHECK_TIMEOUT_MS = 1_000

export type DependencyName = 'postgres' | 'redis' | 'rabbitmq'
type DependencyStatus = Record<DependencyName, 'up' | 'down'>

export const DEPENDENCY_LABELS: Record<DependencyName, string> = { postgres: 'PostgreSQL', redis: 'Redis', rabbitmq: 'RabbitMQ' }

let rabbitProbe: RabbitProbe | undefined

function within<T>(work: () => Promise<T>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS) })
  return Promise.race([work().then(() => true, () => false), timeout]).finally(() => clearTimeout(timer))
}

async function pingRedis(): Promise<void> {
  const redis = useRedis()
  // Commands fail at once while the client is (re)connecting (no offline queue): give it the second.
  const deadline = Date.now() + CHECK_TIMEOUT_MS
  while (redis.status !== 'ready' && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50))
  await redis.ping()
}

export async function checkDependencies(): Promise<DependencyStatus> {
  rabbitProbe ??= createRabbitProbe(config().amqpUrl)
  const [postgres, redis, rabbitmq] = await Promise.all([
    within(() => useDb().$queryRaw`SELECT 1`),
    within(pingRedis),
    rabbitProbe.check(CHECK_TIMEOUT_MS),
  ])
  const state = (ok: boolean): 'up' | 'down' => (ok ? 'up' : 'down')
  return { postgres: state(postgres), redis: state(redis), rabbitmq: state(rabbitmq) }
}

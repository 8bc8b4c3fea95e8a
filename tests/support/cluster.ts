// The deployment the cluster test runs: HAProxy in front of 3 web instances of the built app, 2 copies
// of every worker, one database (straight or through PgBouncer in transaction mode), a private Redis
// (so the shared one's other users are never touched, and no other run shares its keys) and a
// RabbitMQ vhost of its own. Everything on 127.0.0.1; everything stopped by stop().
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inject } from 'vitest'
import { startHaproxy, type Balancer } from './haproxy.ts'
import { testDatabaseUrl } from './lane.ts'
import { startPgbouncer, type Pooler } from './pgbouncer.ts'
import { startPrivateRedis, type PrivateRedis } from './private-redis.ts'
import { createTestVhost, type TestVhost } from './rabbitmq.ts'
import { freePort, startServer, type RunningServer } from './server.ts'
import { startWorker, type RunningWorker } from './workers.ts'

export const WORKER_NAMES = ['relay', 'cleanup', 'notifications', 'calendar', 'search-index', 'payments', 'webhooks'] as const
export type WorkerName = (typeof WORKER_NAMES)[number]

export interface WebInstance extends RunningServer {
  name: string
  port: number
}

export interface Cluster {
  balancer: Balancer
  web: WebInstance[]
  workers: Record<WorkerName, RunningWorker[]>
  /** Prometheus port of each relay copy (its outbox_published counter tells who published what). */
  relayMetricsPorts: number[]
  redis: PrivateRedis
  vhost: TestVhost
  pooler?: Pooler
  bullPrefix: string
  /** What every process was given; the test's own clients use the same. */
  env: Record<string, string>
  stop(): Promise<void>
}

export interface ClusterOptions {
  webCount?: number
  workerCopies?: number
  /** Through PgBouncer in transaction mode (DATABASE_URL pooled, DATABASE_DIRECT_URL straight). */
  pgbouncer: boolean
  /** Settings every web instance gets on top of the cluster's. */
  webEnv?: Record<string, string>
  workerEnv?: Record<string, string>
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const webCount = options.webCount ?? 3
  const copies = options.workerCopies ?? 2
  const directUrl = testDatabaseUrl()
  // Stopped in stages, each stage at once: workers, then the balancer and web instances, then the services.
  const stages: (() => Promise<unknown>)[][] = [[], [], []]
  const [processes, frontEnd, services] = stages as [(() => Promise<unknown>)[], (() => Promise<unknown>)[], (() => Promise<unknown>)[]]
  const stopAll = async () => {
    for (const stage of stages) await Promise.all(stage.splice(0).map(stop => stop().catch(() => {})))
  }
  try {
    const [redis, vhost, pooler] = await Promise.all([
      startPrivateRedis(), createTestVhost('bookify_cluster'), options.pgbouncer ? startPgbouncer() : undefined,
    ])
    services.push(() => redis.stop(), () => vhost.drop())
    if (pooler) services.push(() => pooler.stop())
    const mailDir = mkdtempSync(join(tmpdir(), 'bookify-cluster-mail-'))
    services.push(async () => rmSync(mailDir, { recursive: true, force: true }))
    const balancerPort = await freePort()
    const bullPrefix = `bookify-cluster-${randomBytes(4).toString('hex')}`
    const env: Record<string, string> = {
      DATABASE_URL: pooler ? pooler.pooledUrl(directUrl) : directUrl,
      DATABASE_DIRECT_URL: directUrl,
      REDIS_URL: redis.url,
      AMQP_URL: vhost.url,
      BULLMQ_PREFIX: bullPrefix,
      AUTH_SECRET: inject('authSecret'),
      // One key for the whole deployment: what one instance encrypts, another must read.
      ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      APP_URL: `http://127.0.0.1:${balancerPort}`,
      MAIL_DIR: mailDir,
    }
    const web = await Promise.all(Array.from({ length: webCount }, async (_, i) => {
      const server = await startServer({
        ...env, DATABASE_POOL_SIZE: '8', LOG_LEVEL: 'warn', ...options.webEnv,
      }, undefined, { build: inject('buildDir') })
      frontEnd.push(() => server.stop())
      return { ...server, name: `w${i + 1}`, port: Number(new URL(server.url).port) }
    }))
    const balancer = await startHaproxy(web.map(w => ({ name: w.name, port: w.port })), { port: balancerPort })
    frontEnd.push(() => balancer.stop())
    const relayMetricsPorts: number[] = []
    const workers = {} as Record<WorkerName, RunningWorker[]>
    // Started a few at a time: a dozen Node processes loading at once on two cores is slower than batches.
    for (const name of WORKER_NAMES) {
      workers[name] = await Promise.all(Array.from({ length: copies }, async () => {
        const metricsPort = name === 'relay' ? await freePort() : undefined
        if (metricsPort) relayMetricsPorts.push(metricsPort)
        const worker = await startWorker(name, {
          ...env, LOG_LEVEL: 'info', ...(metricsPort ? { METRICS_PORT: String(metricsPort) } : {}), ...options.workerEnv,
        })
        processes.push(() => worker.stop())
        return worker
      }))
    }
    return { balancer, web, workers, relayMetricsPorts, redis, vhost, pooler, bullPrefix, env, stop: stopAll }
  } catch (error) {
    await stopAll()
    throw error
  }
}

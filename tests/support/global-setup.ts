// Integration tests run against the real built server, PostgreSQL, Redis and RabbitMQ: one copy of
// the build that every server of the run runs from, a pool of RabbitMQ virtual hosts for the files
// that start workers, and one lane per vitest worker (lane.ts) — a fresh database, a Redis database
// and a server process each; all gone afterwards.
import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { buildWorkers } from '../../scripts/build-workers.ts'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { cloneTestDatabase, createTestDatabase, type TestDatabase } from './database.ts'
import type { Lane } from './lane.ts'
import { createVhostPool } from './rabbitmq.ts'
import { copyBuild, startServer } from './server.ts'
import { TEST_BUNDLES, TEST_WORKER_ENTRIES } from './test-bundles.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    lanes: Lane[]
    /** A migrated database nobody connects to, to copy (database.ts, clonePrivateDatabase). */
    templateDatabase: string
    authSecret: string
    /** The run's copy of the build (server.ts, copyBuild). */
    buildDir: string
  }
}

/** One per test file that starts workers, with room to spare; past it, files make their own. */
const VHOST_POOL_SIZE = 16
const REDIS_BASE = process.env.REDIS_URL || 'redis://127.0.0.1:6379'

/** redis://host:port/<n>: the lane's own Redis database (Redis has 16; 0 is left to the rest). */
function redisDatabase(n: number): string {
  const url = new URL(REDIS_BASE)
  url.pathname = `/${n}`
  return url.toString()
}

export default async function setup(project: TestProject) {
  ensureBuild()
  const count = Math.max(1, project.config.maxWorkers ?? 1)
  const [first, build, vhosts] = await Promise.all([
    createTestDatabase(), copyBuild(), createVhostPool(VHOST_POOL_SIZE), buildWorkers(TEST_BUNDLES, TEST_WORKER_ENTRIES),
  ])
  // The migrated first database stays untouched as the template of every lane's database and of
  // the private ones some files make (database.ts, clonePrivateDatabase): copying is far quicker
  // than migrating.
  const databases: TestDatabase[] = []
  for (let i = 0; i < count; i++) databases.push(await cloneTestDatabase(first))
  const authSecret = randomBytes(32).toString('base64url')
  const lanes = databases.map((db, i) => ({ db, redisUrl: redisDatabase(i + 1) }))
  const servers = await Promise.all(lanes.map(({ db, redisUrl }) => startServer({
    DATABASE_URL: db.url, REDIS_URL: redisUrl, AUTH_SECRET: authSecret, ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  }, undefined, { build: build.dir })))
  project.provide('lanes', lanes.map(({ db, redisUrl }, i) => ({ baseUrl: servers[i]!.url, databaseUrl: db.url, redisUrl })))
  project.provide('templateDatabase', first.name)
  project.provide('authSecret', authSecret)
  project.provide('buildDir', build.dir)
  project.provide('vhostPool', { names: vhosts.names, claimsDir: vhosts.claimsDir })
  return async () => {
    await Promise.all([...servers.map(s => s.stop()), vhosts.drop()])
    build.remove()
    for (const db of [...databases, first]) await db.drop()
  }
}

// Integration tests run against the real built server, PostgreSQL, Redis and RabbitMQ: one fresh
// database per run, one copy of the build that every server of the run runs from, one server
// process, a pool of RabbitMQ virtual hosts for the files that start workers; all gone afterwards.
import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { createTestDatabase } from './database.ts'
import { createVhostPool } from './rabbitmq.ts'
import { copyBuild, startServer } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    databaseUrl: string
    authSecret: string
    /** The run's copy of the build (server.ts, copyBuild). */
    buildDir: string
  }
}

/** One per test file that starts workers, with room to spare; past it, files make their own. */
const VHOST_POOL_SIZE = 10

export default async function setup(project: TestProject) {
  ensureBuild()
  const [db, build, vhosts] = await Promise.all([createTestDatabase(), copyBuild(), createVhostPool(VHOST_POOL_SIZE)])
  const authSecret = randomBytes(32).toString('base64url')
  const server = await startServer({ DATABASE_URL: db.url, AUTH_SECRET: authSecret, ENCRYPTION_KEY: randomBytes(32).toString('base64url') }, undefined, { build: build.dir })
  project.provide('baseUrl', server.url)
  project.provide('databaseUrl', db.url)
  project.provide('authSecret', authSecret)
  project.provide('buildDir', build.dir)
  project.provide('vhostPool', { names: vhosts.names, claimsDir: vhosts.claimsDir })
  return async () => {
    await Promise.all([server.stop(), vhosts.drop()])
    build.remove()
    await db.drop()
  }
}

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
const VHOST_POOL_SIZE = 16

type Shared = { baseUrl: string, databaseUrl: string, authSecret: string, buildDir: string, vhostPool: { names: string[], claimsDir: string }, teardown: () => Promise<void> }

// The integration suite is two projects (files that run side by side, then the files that stop the
// broker, alone); vitest runs each project's global setup, in one process. They share one database,
// build copy, server and vhost pool: the first setup makes them, the last teardown removes them.
const registry = globalThis as typeof globalThis & { bookifySetup?: { ready: Promise<Shared>, users: number } }

async function makeShared(): Promise<Shared> {
  ensureBuild()
  const [db, build, vhosts] = await Promise.all([createTestDatabase(), copyBuild(), createVhostPool(VHOST_POOL_SIZE)])
  const authSecret = randomBytes(32).toString('base64url')
  const server = await startServer({ DATABASE_URL: db.url, AUTH_SECRET: authSecret, ENCRYPTION_KEY: randomBytes(32).toString('base64url') }, undefined, { build: build.dir })
  return {
    baseUrl: server.url, databaseUrl: db.url, authSecret, buildDir: build.dir,
    vhostPool: { names: vhosts.names, claimsDir: vhosts.claimsDir },
    teardown: async () => {
      await Promise.all([server.stop(), vhosts.drop()])
      build.remove()
      await db.drop()
    },
  }
}

export default async function setup(project: TestProject) {
  registry.bookifySetup ??= { ready: makeShared(), users: 0 }
  const entry = registry.bookifySetup
  entry.users++
  const shared = await entry.ready
  project.provide('baseUrl', shared.baseUrl)
  project.provide('databaseUrl', shared.databaseUrl)
  project.provide('authSecret', shared.authSecret)
  project.provide('buildDir', shared.buildDir)
  project.provide('vhostPool', shared.vhostPool)
  return async () => {
    if (--entry.users > 0) return
    registry.bookifySetup = undefined
    await shared.teardown()
  }
}

// Integration tests run against the real built server, PostgreSQL and Redis: one fresh database
// per run, one server process, both gone afterwards.
import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { createTestDatabase } from './database.ts'
import { startServer } from './server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
    databaseUrl: string
    authSecret: string
  }
}

export default async function setup(project: TestProject) {
  ensureBuild()
  const db = await createTestDatabase()
  const authSecret = randomBytes(32).toString('base64url')
  const server = await startServer({ DATABASE_URL: db.url, AUTH_SECRET: authSecret, ENCRYPTION_KEY: randomBytes(32).toString('base64url') })
  project.provide('baseUrl', server.url)
  project.provide('databaseUrl', db.url)
  project.provide('authSecret', authSecret)
  return async () => {
    await server.stop()
    await db.drop()
  }
}

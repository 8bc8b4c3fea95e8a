// Global setup of the cluster project (`npm run test:cluster`): the build, the worker bundles, one
// migrated database of the run's own and the auth secret. The cluster itself (balancer, web
// instances, workers, PgBouncer, a private Redis, a vhost) is started by the test file, which must
// kill and inspect its processes. The database is handed over as the only "lane", so fixtures and
// startWorker (tests/support/) find it as they do in the integration project.
import { randomBytes } from 'node:crypto'
import type { TestProject } from 'vitest/node'
import { buildWorkers } from '../../scripts/build-workers.ts'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { createTestDatabase } from './database.ts'
import { copyBuild } from './server.ts'
import { TEST_BUNDLES, TEST_WORKER_ENTRIES } from './test-bundles.ts'

export default async function setup(project: TestProject) {
  ensureBuild()
  const [db, build] = await Promise.all([createTestDatabase('bookify_cluster'), copyBuild(), buildWorkers(TEST_BUNDLES, TEST_WORKER_ENTRIES)])
  project.provide('lanes', [{ baseUrl: '', databaseUrl: db.url, redisUrl: '' }])
  project.provide('templateDatabase', db.name)
  project.provide('authSecret', randomBytes(32).toString('base64url'))
  project.provide('buildDir', build.dir)
  return async () => {
    build.remove()
    await db.drop()
  }
}

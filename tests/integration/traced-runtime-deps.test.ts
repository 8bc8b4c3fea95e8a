// The image ships no `npm install`: the bundled workers and migration command get only the package files
// scripts/trace-runtime-deps.mjs traces (as the Dockerfile's build stage runs it). Here the bundles run
// from a folder that holds nothing else, as /app in the image, so a file the tracer misses fails in the
// ordinary suite, and not only in `npm run image:check` (which needs root and buildah).
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import { TEST_BUNDLES } from '../support/test-bundles.ts'
import { startWorker, type RunningWorker } from '../support/workers.ts'

// Outside the project: nothing on the way up to / holds a node_modules the bundles could fall back on.
const app = mkdtempSync(join(tmpdir(), 'bookify-traced-'))
let scratch: TestDatabase | undefined
let vhost: TestVhost | undefined
const workers: RunningWorker[] = []

beforeAll(() => {
  const trace = spawnSync(process.execPath, ['scripts/trace-runtime-deps.mjs', app, TEST_BUNDLES], { encoding: 'utf8' })
  if (trace.status !== 0) throw new Error(`trace failed:\n${trace.stderr}`)
  cpSync(TEST_BUNDLES, join(app, 'dist'), { recursive: true })
  cpSync('prisma/migrations', join(app, 'prisma/migrations'), { recursive: true })
  cpSync('prisma/schema.prisma', join(app, 'prisma/schema.prisma'))
}, 60_000)
afterAll(async () => {
  await Promise.all(workers.map(w => w.stop()))
  await vhost?.drop()
  await scratch?.drop()
  rmSync(app, { recursive: true, force: true })
})

describe('traced runtime packages', () => {
  it('hold the packages the bundles load and no build tool', () => {
    for (const needed of ['pg', 'amqplib', 'ioredis', '@prisma/client', '@prisma/schema-engine-wasm']) {
      expect(existsSync(join(app, 'node_modules', needed, 'package.json')), needed).toBe(true)
    }
    for (const tool of ['nuxt', 'vite', 'typescript', 'prisma', '@prisma/engines', 'tsx', 'esbuild', 'eslint', 'vitest']) {
      expect(existsSync(join(app, 'node_modules', tool)), tool).toBe(false)
    }
  })

  it('run the migration command on an empty database', async () => {
    scratch = await createTestDatabase('bookify_traced')
    await scratch.drop() // the migration command creates it, as on a first deploy
    const run = spawnSync(process.execPath, [join(app, 'dist/scripts/migrate.mjs')], {
      cwd: app,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: scratch.url },
      encoding: 'utf8',
    })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Applied \d+_/)
  })

  it('start every worker, which stops on SIGTERM', { timeout: 120_000 }, async () => {
    vhost = await createTestVhost()
    const names = readdirSync(join(app, 'dist/workers')).filter(f => f.endsWith('.mjs'))
    expect(names.length).toBeGreaterThanOrEqual(6)
    // All at once: each is its own process, and a missing package fails its start whatever the others do.
    const prefix = `bookify-test-traced-${Date.now()}`
    const started = await Promise.all(names.map(name => startWorker(join(app, 'dist/workers', name), { AMQP_URL: vhost!.url, BULLMQ_PREFIX: prefix })))
    workers.push(...started)
    const codes = await Promise.all(started.map(worker => worker.stop()))
    expect(Object.fromEntries(names.map((name, i) => [name, codes[i]]))).toEqual(Object.fromEntries(names.map(name => [name, 0])))
  })
})

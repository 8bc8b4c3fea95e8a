// The image runs bundled workers and the bundled migration command on plain Node (no tsx): built here
// by the same script as in the Dockerfile, a consumer worker starts from its bundle and handles a
// message, and the migration bundle migrates an empty database from the project's migrations.
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWorkers } from '../../scripts/build-workers.ts'
import { ROUTING_KEYS } from '../../server/messaging/names.ts'
import { writeOutbox } from '../../server/messaging/outbox.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import { startFakeSmtp, type FakeSmtp } from '../support/fake-smtp.ts'
import { createUsers, testDb } from '../support/fixtures.ts'
import { baseUrl } from '../support/http.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import { eventually, startWorker, type RunningWorker } from '../support/workers.ts'

let files: string[]
let scratch: TestDatabase | undefined
let vhost: TestVhost | undefined
let smtp: FakeSmtp | undefined
const workers: RunningWorker[] = []

beforeAll(async () => {
  files = await buildWorkers('dist')
}, 60_000)
afterAll(async () => {
  await Promise.all(workers.map(w => w.stop()))
  await smtp?.close()
  await vhost?.drop()
  await scratch?.drop()
})

describe('bundled workers', () => {
  it('bundles every worker and the migration command', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/workers/relay.mjs', 'dist/workers/notifications.mjs', 'dist/workers/payments.mjs', 'dist/scripts/migrate.mjs']))
  })

  it('migrates an empty database from the bundle, on plain Node', async () => {
    scratch = await createTestDatabase('bookify_bundle')
    await scratch.drop() // the bundle creates it, as on a first deploy
    const run = spawnSync(process.execPath, ['dist/scripts/migrate.mjs'], { env: { ...process.env, DATABASE_URL: scratch.url, NODE_ENV: 'test' }, encoding: 'utf8' })
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/Created database/)
    expect(run.stdout).toMatch(/Applied \d+_/)
  })

  it('runs a consumer from its bundle: a registered user gets the welcome e-mail', { timeout: 60_000 }, async () => {
    vhost = await createTestVhost()
    smtp = await startFakeSmtp()
    workers.push(await startWorker('relay', { AMQP_URL: vhost.url }))
    workers.push(await startWorker('dist/workers/notifications.mjs', { AMQP_URL: vhost.url, SMTP_URL: smtp.url, APP_URL: baseUrl(), BULLMQ_PREFIX: `bookify-test-bundle-${Date.now()}` }))
    const [user] = await createUsers(1)
    await writeOutbox(testDb(), ROUTING_KEYS.userRegistered, { userId: user!.id })
    const { email } = await testDb().user.findUniqueOrThrow({ where: { id: user!.id } })
    await eventually(async () => smtp!.mails.some(m => m.to.includes(email)) || undefined, 20_000, 'the welcome e-mail')
  })
})

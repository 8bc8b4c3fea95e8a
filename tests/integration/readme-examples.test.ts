// The README's Integrations examples are run as written (bash and curl) against a server set up as
// `npm start` with WEBHOOKS_ALLOW_PRIVATE=true would be, with the relay and webhooks workers: an
// example that stops working fails here instead of on a reader.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { api, uniqueEmail } from '../support/http.ts'
import { createPublishedEvent } from '../support/fixtures.ts'
import { testDatabaseUrl } from '../support/lane.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import { freePort, type RunningServer } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { startWorker, type RunningWorker } from '../support/workers.ts'

const run = promisify(execFile)

/** Every ```bash block of the README section headed `## <heading>`, in order. */
function bashBlocks(heading: string): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
  const section = readme.split(/^## /m).find(s => s.startsWith(`${heading}\n`))
  if (!section) throw new Error(`README has no "## ${heading}" section`)
  return [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map(m => m[1]!)
}

let server: RunningServer
let vhost: TestVhost
const workers: RunningWorker[] = []

beforeAll(async () => {
  const env = {
    DATABASE_URL: testDatabaseUrl(),
    AUTH_SECRET: inject('authSecret'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    BULLMQ_PREFIX: `bookify-test-readme-${randomBytes(4).toString('hex')}`,
  }
  server = await startTestServer(env)
  vhost = await createTestVhost()
  const workerEnv = { ...env, AMQP_URL: vhost.url, APP_URL: server.url }
  workers.push(...await Promise.all([
    startWorker('relay', workerEnv),
    startWorker('webhooks', workerEnv, { readyLog: /webhooks running/ }),
  ]))
}, 90_000)

afterAll(async () => {
  for (const w of workers) await w.stop()
  await vhost?.drop()
  await server?.stop()
})

describe('README, Integrations', () => {
  it('runs every example in order: API keys, widget origins, a webhook endpoint with its test delivery and resend', async () => {
    const email = uniqueEmail('readme')
    const password = 'correct horse battery'
    const registered = await api('POST', '/api/auth/register', { base: server.url, body: { email, password, name: 'Readme Organiser' } })
    expect(registered.status).toBe(201)
    const eventId = (await createPublishedEvent(registered.body.user.id, [{ name: 'Floor', kind: 'GA', capacity: 5 }])).id

    const blocks = bashBlocks('Integrations')
    expect(blocks.length).toBe(3)
    // One shell, as a reader pasting the blocks one after another: later blocks use $BASE and $TOKEN.
    const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', blocks.join('\n')], {
      env: { ...process.env, BASE: server.url, EMAIL: email, PASSWORD: password, HOOK_PORT: String(await freePort()) },
      timeout: 40_000,
    }).catch((err: { stdout?: string, stderr?: string, code?: number }) => {
      throw new Error(`the example stopped (exit ${err.code}):\n--- stdout\n${err.stdout}\n--- stderr\n${err.stderr}`)
    })

    // API keys: the events list with the key, the attendee CSV, a scope refused, the key revoked, the document.
    expect(stdout).toMatch(/^HTTP\/1\.1 200/m)
    expect(stdout).toContain(eventId)
    expect(stdout).toMatch(/\uFEFF?Name,E-mail,Section,Seat,Ticket type/)
    expect(stdout).toContain('"code":"SCOPE_DENIED"')
    expect(stdout).toContain('"code":"TOKEN_INVALID","message":"This API key has been revoked."')
    expect(stdout).toMatch(/^OpenAPI 3\.1\.\d: \d{2,} paths$/m)
    // The widget's allowed origins, stored normalised.
    expect(stdout).toContain('{"origins":["http://localhost:8080","https://www.example.com"]}')
    // Webhooks: the endpoint with its secret once, the test delivery signed and received, logged, and resent.
    expect(stdout).toMatch(/"secret":"whsec_/)
    const received = stdout.split('\n').filter(line => /^t=\d+,v1=[0-9a-f]{64} \{/.test(line))
    expect(received.length).toBe(2)
    for (const line of received) expect(JSON.parse(line.slice(line.indexOf(' ') + 1))).toMatchObject({ type: 'webhook.test' })
    expect(stdout).toMatch(/^webhook\.test DELIVERED 200 \d+ ms$/m)
  })
})

// RabbitMQ for integration tests, through rabbitmqctl (the shared broker has no management API).
// Each test file gets its own virtual host: the real exchange and queue names, but no other run's
// consumers can take this run's messages. Every rabbitmqctl call boots an Erlang VM (about a
// second), so the global setup creates a pool of virtual hosts in one call and drops them all at the
// end; a file claims one from the pool, and makes one of its own only when the pool is used up.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { inject } from 'vitest'

const run = promisify(execFile)
const AMQP_BASE = process.env.TEST_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672'
const USER = new URL(AMQP_BASE).username || 'guest'

export interface TestVhost {
  name: string
  url: string
  drop(): Promise<void>
}

/** What the global setup hands the test files: the pool's names, and where claims are recorded. */
export interface VhostPool {
  names: string[]
  claimsDir: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    vhostPool: VhostPool
  }
}

function vhostName(prefix: string): string {
  return `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`
}

async function dropVhost(name: string): Promise<void> {
  await run('rabbitmqctl', ['-q', 'delete_vhost', name]).catch(() => {})
}

/** `size` virtual hosts with full permissions for the test user, in one rabbitmqctl call. */
export async function createVhostPool(size: number, prefix = 'bookify_test'): Promise<VhostPool & { drop(): Promise<void> }> {
  const base = vhostName(prefix)
  const names = Array.from({ length: size }, (_, i) => `${base}_${i}`)
  const claimsDir = mkdtempSync(join(tmpdir(), 'bookify-vhosts-'))
  // rabbitmqctl reads the file as the broker's user (and this version cannot read stdin): world-readable.
  chmodSync(claimsDir, 0o755)
  const definitions = join(claimsDir, 'definitions.json')
  writeFileSync(definitions, JSON.stringify({
    vhosts: names.map(name => ({ name })),
    permissions: names.map(vhost => ({ user: USER, vhost, configure: '.*', write: '.*', read: '.*' })),
  }), { mode: 0o644 })
  await run('rabbitmqctl', ['-q', 'import_definitions', definitions])
  return {
    names,
    claimsDir,
    async drop() {
      // One Erlang VM for all of them rather than one `delete_vhost` each (16 VMs booting at once at the
      // end of every run). rabbitmqctl has no bulk delete; eval calls the function delete_vhost calls.
      const list = names.map(name => `<<"${name}">>`).join(',')
      await run('rabbitmqctl', ['-q', 'eval', `[rabbit_vhost:delete(V, <<"${USER}">>) || V <- [${list}]].`])
        .catch(() => Promise.all(names.map(dropVhost)))
      rmSync(claimsDir, { recursive: true, force: true })
    },
  }
}

/** Takes an unused pool vhost: mkdir is atomic, so two files never get the same one. */
function claimFromPool(): string | undefined {
  const pool = inject('vhostPool')
  for (const name of pool?.names ?? []) {
    try {
      mkdirSync(join(pool.claimsDir, name))
      return name
    } catch { /* claimed already */ }
  }
  return undefined
}

export async function createTestVhost(prefix = 'bookify_test'): Promise<TestVhost> {
  const pooled = claimFromPool()
  const name = pooled ?? vhostName(prefix)
  if (!pooled) {
    await run('rabbitmqctl', ['-q', 'add_vhost', name])
    await run('rabbitmqctl', ['-q', 'set_permissions', '-p', name, USER, '.*', '.*', '.*'])
  }
  const url = `${AMQP_BASE}/${encodeURIComponent(name)}`
  // A pooled vhost is dropped with the pool when the run ends.
  return { name, url, drop: pooled ? async () => {} : () => dropVhost(name) }
}

/** `rabbitmqctl stop_app` / `start_app`: the whole broker, for every vhost. */
export async function rabbitApp(action: 'stop_app' | 'start_app'): Promise<void> {
  await run('rabbitmqctl', ['-q', action], { timeout: 60_000 })
  if (action === 'start_app') await run('rabbitmqctl', ['-q', 'await_startup'], { timeout: 60_000 })
}

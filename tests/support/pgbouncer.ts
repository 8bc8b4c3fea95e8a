// PgBouncer (Debian's 1.18) in transaction mode, as Railway and most managed PostgreSQL offer it, for
// the cluster test: a generated pgbouncer.ini in a temp folder, its own port, trust authentication
// for the local `postgres` user. Every transaction may run on another server connection, which is
// what breaks named prepared statements and session state (database-settings.ts).
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './server.ts'

const PGBOUNCER = process.env.PGBOUNCER_BIN || '/usr/sbin/pgbouncer'

export interface Pooler {
  port: number
  /** `directUrl` with PgBouncer's host and port, and the ?pgbouncer=true marker the app reads. */
  pooledUrl(directUrl: string): string
  /** What PgBouncer wrote (its log). */
  output(): string
  stop(): Promise<void>
}

export function pgbouncerIni(port: number, dir: string, options: { serverPort: number, poolSize: number, user?: string }): string {
  return `[databases]
; Any database name, on the local PostgreSQL.
* = host=127.0.0.1 port=${options.serverPort}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
unix_socket_dir =
auth_type = trust
auth_file = ${join(dir, 'userlist.txt')}
pool_mode = transaction
max_client_conn = 1000
; Server connections per database and user: far fewer than the clients (3 web pools + 12 workers).
default_pool_size = ${options.poolSize}
ignore_startup_parameters = extra_float_digits
${options.user ? `; PgBouncer will not run as root; it drops to this user after opening its port.\nuser = ${options.user}\n` : ''}`
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => { socket.end(); resolve(true) })
    socket.on('error', () => resolve(false))
  })
}

export async function startPgbouncer(options: { poolSize?: number } = {}): Promise<Pooler> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'bookify-pgbouncer-'))
  chmodSync(dir, 0o755) // read by PgBouncer after it has dropped to the postgres user
  const asRoot = process.getuid?.() === 0
  writeFileSync(join(dir, 'userlist.txt'), '"postgres" ""\n', { mode: 0o644 })
  const ini = join(dir, 'pgbouncer.ini')
  writeFileSync(ini, pgbouncerIni(port, dir, { serverPort: 5432, poolSize: options.poolSize ?? 20, user: asRoot ? 'postgres' : undefined }), { mode: 0o644 })
  const child: ChildProcess = spawn(PGBOUNCER, [ini], { stdio: ['ignore', 'pipe', 'pipe'] })
  let log = ''
  child.stdout!.on('data', (d) => { log += d })
  child.stderr!.on('data', (d) => { log += d })
  const deadline = Date.now() + 10_000
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`pgbouncer did not start on ${port}:\n${log}`)
    await new Promise(r => setTimeout(r, 50))
  }
  return {
    port,
    pooledUrl(directUrl) {
      const url = new URL(directUrl)
      url.port = String(port)
      url.searchParams.set('pgbouncer', 'true')
      return url.toString()
    },
    output: () => log,
    stop: () => new Promise((resolve) => {
      const done = () => { rmSync(dir, { recursive: true, force: true }); resolve() }
      if (child.exitCode !== null) return done()
      child.once('exit', done)
      child.kill('SIGTERM') // PgBouncer's fast exit
    }),
  }
}

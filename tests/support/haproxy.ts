// HAProxy (Debian's) in front of several web instances, for the cluster test: round-robin, no
// stickiness, an HTTP health check on /api/ready, and an admin socket to read its stats and take a
// server out by hand. Its own temp folder and port; killed by its PID afterwards.
import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './server.ts'

export interface Backend {
  name: string
  port: number
}

export interface ServerStat {
  name: string
  /** UP, DOWN, MAINT, "UP 1/2"… as HAProxy says it. */
  status: string
  /** Requests (sessions) sent to this server so far. */
  total: number
}

export interface Balancer {
  url: string
  /** The backend's servers as the admin socket reports them. */
  stats(): Promise<ServerStat[]>
  /** Takes a server out of (or back into) the rotation, as an operator would. */
  setServer(name: string, state: 'ready' | 'maint'): Promise<void>
  stop(): Promise<void>
}

const HAPROXY = process.env.HAPROXY_BIN || '/usr/sbin/haproxy'

/** The configuration, separate so it can be read in one piece: see the comments inside. */
export function haproxyConfig(port: number, socket: string, backends: Backend[]): string {
  return `global
  stats socket ${socket} mode 600 level admin
  maxconn 4096

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # Live availability streams (SSE) stay open: the idle timeout of an established stream.
  timeout tunnel 1h
  # A connection that fails is tried again, on another server (redispatch): a request that never
  # reached a server is always safe to send elsewhere. Nothing else is retried by the balancer.
  retries 2
  option redispatch
  retry-on conn-failure
  option forwardfor

frontend web
  bind 127.0.0.1:${port}
  default_backend app

backend app
  balance roundrobin
  # No cookie, no stick table: any instance may answer any request.
  option httpchk GET /api/ready
  http-check expect status 200
  # Out after 3 failed checks 400 ms apart, back after 2 good ones. A check may take up to 3 s: under
  # a burst /api/ready (1 s per dependency at most) answers late, and an instance that is slow but
  # alive must not be taken out — with one instance left, that would turn a slow answer into a 503.
  timeout check 3s
  default-server inter 400 fall 3 rise 2
${backends.map(b => `  server ${b.name} 127.0.0.1:${b.port} check`).join('\n')}
`
}

function adminCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = ''
    const conn = connect(socket, () => conn.end(`${command}\n`))
    conn.on('data', (d) => { out += d })
    conn.on('end', () => resolve(out))
    conn.on('error', reject)
  })
}

export async function startHaproxy(backends: Backend[], options: { port?: number } = {}): Promise<Balancer> {
  const port = options.port ?? await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'bookify-haproxy-'))
  chmodSync(dir, 0o700)
  const socket = join(dir, 'admin.sock')
  const file = join(dir, 'haproxy.cfg')
  writeFileSync(file, haproxyConfig(port, socket, backends))
  // -db: stay in the foreground, so the child is HAProxy itself and dies with a signal to its PID.
  const child: ChildProcess = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr!.on('data', (d) => { log += d })
  const url = `http://127.0.0.1:${port}`
  const stats = async (): Promise<ServerStat[]> => {
    const csv = await adminCommand(socket, 'show stat')
    const [header, ...rows] = csv.trim().split('\n')
    const cols = header!.replace(/^# /, '').split(',')
    const at = (name: string) => cols.indexOf(name)
    return rows.map(r => r.split(',')).filter(r => r[at('pxname')] === 'app' && !['FRONTEND', 'BACKEND'].includes(r[at('svname')]!))
      .map(r => ({ name: r[at('svname')]!, status: r[at('status')]!, total: Number(r[at('stot')]) }))
  }
  // Up once every server has passed its first checks.
  const deadline = Date.now() + 20_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`haproxy exited with ${child.exitCode}:\n${log}`)
    const up = await stats().catch(() => [])
    if (up.length === backends.length && up.every(s => s.status === 'UP')) break
    if (Date.now() > deadline) throw new Error(`haproxy: servers not all UP within 20 s: ${JSON.stringify(up)}\n${log}`)
    await new Promise(r => setTimeout(r, 100))
  }
  return {
    url,
    stats,
    async setServer(name, state) {
      const answer = await adminCommand(socket, `set server app/${name} state ${state}`)
      if (answer.trim()) throw new Error(`haproxy: set server ${name} ${state}: ${answer}`)
    },
    stop: () => new Promise((resolve) => {
      const done = () => { rmSync(dir, { recursive: true, force: true }); resolve() }
      if (child.exitCode !== null) return done()
      child.once('exit', done)
      child.kill('SIGTERM')
    }),
  }
}

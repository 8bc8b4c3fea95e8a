// `npm run bench:queue`: 20,000 queued buyers against the built server, over loopback only.
//   1. Polling: all of them in one room whose admissions run at 1,200 a minute; their status is
//      polled open-loop (QUEUE_BENCH_POLL_RATE a second, default 1,000: each buyer every 20 s, the
//      fallback when a page's stream cannot stay open) for QUEUE_BENCH_POLL_S seconds. Status p50/p99,
//      the server's CPU per status, and PostgreSQL transactions per status request from
//      pg_stat_database (minus what an idle window with the same admissions running costs).
//   2. SSE: all of them queue before a 1,000-place sale on two web instances (one process may hold
//      20,000 descriptors here, so 10,000 streams each), the sale starts, each admitted buyer holds
//      and books at once. Memory per stream (server RSS), time from the sale's start to sold out and
//      to everyone being told the room closed.
//   3. The same crowd hitting POST /api/holds directly on an identical event without a room
//      (256 connections, as bench:booking does): time to the last place granted.
// Everything runs on a private Redis and a throw-away database, bounded in count and time.
import { fork, spawnSync } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { startPrivateRedis } from '../support/private-redis.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { drawAsks } from './booking/buyers.ts'
import { cpuMs } from './booking/cpu.ts'
import { runLoad } from './booking/http-load.ts'
import { joinAll, pollStatuses } from './queue/poll-load.ts'
import { renderQueueReport, type QueueFigures } from './queue/report.ts'
import { PLACES, seedQueueBench, transactions } from './queue/seed.ts'

const BUYERS = Number(process.env.QUEUE_BENCH_BUYERS ?? 20_000)
const POLL_RATE = Number(process.env.QUEUE_BENCH_POLL_RATE ?? 1_000)
const POLL_S = Number(process.env.QUEUE_BENCH_POLL_S ?? 30)
const IDLE_S = 10
const STATS_SETTLE_MS = 11_000
const SALE_DEADLINE_MS = 120_000
const DIRECT_CONNECTIONS = 256

const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`)
const load = () => loadavg().map(n => n.toFixed(2)).join(' ')
const sleep = (ms: number) => new Promise(r => setTimeout(r, ms))

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find(l => l.startsWith('VmRSS:'))
  return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024
}

function snapshotBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bookify-queue-bench-build-'))
  const copy = spawnSync('flock', ['/tmp/bookify-build.lock', 'cp', '-a', '.output', dir], { stdio: 'inherit' })
  if (copy.status !== 0) throw new Error('could not copy .output')
  return dir
}

interface CrowdReport {
  holds: { at: number, status: number, places: number }[]
  bookings: { at: number, status: number }[]
  messages: number
  streamErrors: number
  closedCount: number
  firstClosedAt: number
  lastClosedAt: number
  acted: number
}

function crowd(server: RunningServer, eventId: string, sectionId: string, buyers: { token: string, quantity: number }[]) {
  const child = fork(join(import.meta.dirname, 'queue/sse-crowd.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const next = (type: string) => new Promise<any>(resolve => child.once('message', (m: any) => { if (m.type === type) resolve(m) }))
  return {
    connect: () => {
      const connected = next('connected')
      child.send({ type: 'start', start: { baseUrl: server.url, eventId, sectionId, buyers } })
      return connected as Promise<{ count: number, failed: number, p50: number, p99: number }>
    },
    report: () => {
      const report = next('report')
      child.send({ type: 'report' })
      return report as Promise<CrowdReport>
    },
    stop: () => child.send({ type: 'stop' }),
  }
}

async function main() {
  ensureBuild(log)
  const build = snapshotBuild()
  const loadAtStart = load()
  const started = performance.now()
  const authSecret = randomBytes(32).toString('base64url')
  const redis = await startPrivateRedis()
  log(`seeding ${BUYERS} buyers and three ${PLACES}-place events; load ${loadAtStart}`)
  const seed = await seedQueueBench(BUYERS, authSecret)
  const servers: RunningServer[] = []
  const figures: Partial<QueueFigures> = { buyers: BUYERS, pollRate: POLL_RATE, pollSeconds: POLL_S, places: PLACES }
  try {
    for (const name of ['a', 'b']) {
      servers.push(await startServer({
        DATABASE_URL: seed.database.url, AUTH_SECRET: authSecret, ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
        REDIS_URL: redis.url, BULLMQ_PREFIX: `queue-bench-${randomUUID().slice(0, 8)}`, RATE_LIMITS: 'off', LOG_LEVEL: 'warn',
      }, join(build, '.output'), { logFile: join(tmpdir(), `bookify-queue-bench-${name}.log`) }))
    }
    const [a, b] = servers as [RunningServer, RunningServer]
    const tokens = seed.buyers.map(u => u.token)

    // ── 1. polling while admissions run ──
    log(`joining ${BUYERS} buyers to the polled room`)
    figures.joinPerSecond = (await joinAll([a.url, b.url], seed.events.poll.id, tokens)).perSecond
    // Warm-up (JIT, the route's chunk, keep-alive sockets), then PostgreSQL's counters settle: a busy
    // backend reports its statistics within 10 s (PGSTAT_IDLE_INTERVAL), so each reading waits 11 s.
    await pollStatuses(a.url, seed.events.poll.id, tokens, Math.min(POLL_RATE, 500), 3)
    await sleep(STATS_SETTLE_MS)
    const idle0 = await transactions(seed.database.url)
    const idleStart = performance.now()
    await sleep(IDLE_S * 1000 + STATS_SETTLE_MS)
    const idle1 = await transactions(seed.database.url)
    const idleSeconds = (performance.now() - idleStart) / 1000
    log(`polling: ${POLL_RATE}/s for ${POLL_S} s`)
    const poll0 = await transactions(seed.database.url)
    const pollStart = performance.now()
    const cpu0 = cpuMs(a.process.pid!)
    const poll = await pollStatuses(a.url, seed.events.poll.id, tokens, POLL_RATE, POLL_S)
    figures.serverCpuPerStatusMs = (cpuMs(a.process.pid!) - cpu0) / Math.max(1, poll.answered)
    await sleep(STATS_SETTLE_MS)
    const poll1 = await transactions(seed.database.url)
    const pollSeconds = (performance.now() - pollStart) / 1000
    const background = (idle1 - idle0) / idleSeconds
    figures.poll = poll
    figures.pgTransactions = { idle: idle1 - idle0, idleSeconds, polling: poll1 - poll0, pollingSeconds: pollSeconds }
    figures.pgPerStatus = Math.max(0, (poll1 - poll0) - background * pollSeconds) / Math.max(1, poll.answered)

    // ── 2. SSE: the sale ──
    log(`joining ${BUYERS} buyers to the SSE room before its sale`)
    await joinAll([a.url, b.url], seed.events.sse.id, tokens)
    await sleep(2_000)
    const rssBefore = [rssBytes(a.process.pid!), rssBytes(b.process.pid!)]
    const asks = drawAsks('GA', BUYERS, 44)
    const crowds = [a, b].map((server, s) => crowd(server, seed.events.sse.id, seed.events.sse.sectionId,
      seed.buyers.flatMap((u, i) => (i % 2 === s ? [{ token: u.token, quantity: asks[i]!.quantity }] : []))))
    log('opening the SSE streams')
    const connected = await Promise.all(crowds.map(c => c.connect()))
    await sleep(3_000)
    const rssAfter = [rssBytes(a.process.pid!), rssBytes(b.process.pid!)]
    const streams = connected.reduce((n, c) => n + c.count, 0)
    figures.sse = {
      streams,
      failed: connected.reduce((n, c) => n + c.failed, 0),
      firstStatusP50: Math.max(...connected.map(c => c.p50)),
      firstStatusP99: Math.max(...connected.map(c => c.p99)),
      bytesPerStream: (rssAfter[0]! - rssBefore[0]! + rssAfter[1]! - rssBefore[1]!) / Math.max(1, streams),
    }
    const saleStart = Date.now() + 3_000
    const moved = await fetch(`${a.url}/api/events/${seed.events.sse.id}`, { method: 'PATCH', headers: { 'authorization': `Bearer ${seed.organiser.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ waitingRoom: { salesStartAt: new Date(saleStart).toISOString() } }) })
    if (moved.status !== 200) throw new Error(`could not start the sale: ${moved.status} ${await moved.text()}`)
    log('sale starts in 3 s; waiting for sold out and everyone told')
    let reports: CrowdReport[] = []
    const deadline = Date.now() + SALE_DEADLINE_MS
    for (;;) {
      await sleep(2_000)
      reports = await Promise.all(crowds.map(c => c.report()))
      if (reports.reduce((n, r) => n + r.closedCount, 0) >= streams || Date.now() > deadline) break
    }
    const holds = reports.flatMap(r => r.holds)
    const granted = holds.filter(h => h.status === 201)
    const told = reports.filter(r => r.closedCount > 0)
    figures.sale = {
      soldOutS: (Math.max(...granted.map(h => h.at)) - saleStart) / 1000,
      // Only crowds that were told count: one told nobody reports ±Infinity, which IPC turns into null.
      closedS: (Math.min(...told.map(r => r.firstClosedAt)) - saleStart) / 1000,
      everyoneToldS: (Math.max(...told.map(r => r.lastClosedAt)) - saleStart) / 1000,
      told: reports.reduce((n, r) => n + r.closedCount, 0),
      admitted: reports.reduce((n, r) => n + r.acted, 0),
      holdAttempts: holds.length,
      placesHeld: granted.reduce((n, h) => n + h.places, 0),
      booked: reports.flatMap(r => r.bookings).filter(x => x.status === 201).length,
      bookingStatus: reports.flatMap(r => r.bookings).reduce<Record<number, number>>((m, x) => ({ ...m, [x.status]: (m[x.status] ?? 0) + 1 }), {}),
      refusedHolds: holds.length - granted.length,
      messages: reports.reduce((n, r) => n + r.messages, 0),
    }
    crowds.forEach(c => c.stop())

    // ── 3. the same crowd straight at POST /api/holds ──
    log(`direct: ${BUYERS} hold attempts at ${DIRECT_CONNECTIONS} connections`)
    const direct = await runLoad(a.url, seed.buyers.map((u, i) => ({ path: '/api/holds', token: u.token, body: { eventId: seed.events.direct.id, ga: [{ sectionId: seed.events.direct.sectionId, quantity: asks[i]!.quantity }] } })), DIRECT_CONNECTIONS, 120_000)
    figures.direct = { soldOutS: direct.lastGrantS, seconds: direct.seconds, placesGranted: direct.placesGranted, p99: direct.p99, status: direct.status }
  } finally {
    await Promise.all(servers.map(s => s.stop()))
    await redis.stop()
    await seed.database.drop()
    rmSync(build, { recursive: true, force: true })
  }
  console.log(renderQueueReport(figures as QueueFigures, { loadAtStart, loadAtEnd: load(), seconds: (performance.now() - started) / 1000, node: process.version }))
}

await main()

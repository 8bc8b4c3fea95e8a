// `npm run bench:booking`: 5,000 buyers against a 1,000-place event (seated 25 × 40, then one GA
// section of 1,000), at 64 and 256 connections over loopback — through the built server (POST
// /api/holds), through the claim SQL alone (pgbench, the raw limit), and through a naive
// version-checked counter (the baseline). Every scenario gets a fresh copy of one seeded database;
// the figures and their ratios come from this one run.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Queue } from 'bullmq'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { JOB_QUEUES } from '../../server/messaging/jobs.ts'
import { startServer } from '../support/server.ts'
import { drawAsks, pgbenchScript, seatIdsOf, type Ask } from './booking/buyers.ts'
import { cloneTemplate, dropAll, freeConnections, seedTemplate, type BenchEvent, type Seeded } from './booking/databases.ts'
import { startCpu } from './booking/cpu.ts'
import { runLoad, type LoadRequest } from './booking/http-load.ts'
import { startNaive } from './booking/naive.ts'
import { runPgbench, type PgbenchResult } from './booking/pgbench.ts'
import { renderReport, type Row } from './booking/report.ts'
import { soldFromDb } from './booking/verify.ts'

const BUYERS = Number(process.env.BENCH_BUYERS ?? 5_000)
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '64,256').split(',').map(Number)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1_000)
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_S ?? 60) * 1000
/** The web server's pool (server/db/client.ts default; 2, 4 and 20 measured slower); the naive server uses pg's default, also 10. */
const POOL_SIZE = 10
/** BENCH_COMPARE_BUILD=/path/to/.output runs each HTTP scenario on that build too, right after, as an A/B in one run. */
const COMPARE_BUILD = process.env.BENCH_COMPARE_BUILD
/** BENCH_ONLY=http skips pgbench and the naive server (for comparing server builds). */
const ONLY_HTTP = process.env.BENCH_ONLY === 'http'
const NAIVE_POOL_SIZE = 10
/** The server's expiry jobs go to a Redis database and prefix of their own, removed at the end. */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11'
const BULL_PREFIX = 'bookify-bench'
const LAYOUTS = (process.env.BENCH_LAYOUTS ?? 'SEATED,GA').split(',') as ('SEATED' | 'GA')[]

const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`)
const load = () => loadavg().map(n => n.toFixed(2)).join(' ')

function holdRequests(event: BenchEvent, asks: Ask[], buyers: Seeded['buyers']): LoadRequest[] {
  return asks.map((ask, i) => ({
    path: '/api/holds',
    token: buyers[i % buyers.length]!.token,
    body: event.pricing ? pricedBody(event, ask, i) : event.kind === 'GA'
      ? { eventId: event.id, ga: [{ sectionId: event.sectionId, quantity: ask.quantity }] }
      : { eventId: event.id, seatIds: seatIdsOf(ask, event.seatTag) },
  }))
}

/** BENCH_PRICING=1: every other buyer asks for the limited Concession type, every third carries the limited code. */
function pricedBody(event: BenchEvent, ask: Ask, i: number) {
  const ticketTypeId = i % 2 === 1 ? event.pricing!.concessionTypeId : undefined
  const promoCode = i % 3 === 0 ? event.pricing!.promoCode : undefined
  return event.kind === 'GA'
    ? { eventId: event.id, ga: [{ sectionId: event.sectionId, quantity: ask.quantity, ticketTypeId }], promoCode }
    : { eventId: event.id, seats: seatIdsOf(ask, event.seatTag).map(seatId => ({ seatId, ticketTypeId })), promoCode }
}

/** One copy of the build for the whole run, taken under the build lock so no parallel build is half-written. */
function snapshotBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bookify-bench-build-'))
  const copy = spawnSync('flock', ['/tmp/bookify-build.lock', 'cp', '-a', '.output', dir], { stdio: 'inherit' })
  if (copy.status !== 0) throw new Error('could not copy .output')
  return dir
}

async function httpScenario(seeded: Seeded, output: string, kind: 'SEATED' | 'GA', connections: number, authSecret: string, asks: Ask[]): Promise<Row> {
  const db = await cloneTemplate(seeded.template, `http_${kind.toLowerCase()}_${connections}`)
  try {
    const server = await startServer({
      DATABASE_URL: db.url, AUTH_SECRET: authSecret, ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      REDIS_URL, BULLMQ_PREFIX: BULL_PREFIX, RATE_LIMITS: 'off',
      // e.g. BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/bookify-prof" to profile the server
      ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
    }, output, { logFile: join(tmpdir(), `bookify-bench-${kind.toLowerCase()}-${connections}.log`) })
    try {
      // Warm-up on the twin event: JIT, the server's pools and connections, PostgreSQL's caches.
      await runLoad(server.url, holdRequests(seeded.warmup[kind], drawAsks(kind, WARMUP, 7), seeded.buyers), Math.min(connections, WARMUP), DEADLINE_MS)
      const cpu = await startCpu(server.process.pid!, db.url)
      const result = await runLoad(server.url, holdRequests(seeded.events[kind], asks, seeded.buyers), connections, DEADLINE_MS)
      const spent = cpu()
      const sold = await soldFromDb(db.url, seeded.events[kind].id)
      return { kind: 'http', layout: kind, connections, load: result, sold, cpu: spent, build: output === COMPARE_BUILD ? 'compare' : undefined }
    } finally {
      await server.stop()
    }
  } finally {
    await db.drop()
  }
}

async function naiveScenario(seeded: Seeded, connections: number, asks: Ask[]): Promise<Row> {
  const db = await cloneTemplate(seeded.template, `naive_${connections}`)
  try {
    const naive = await startNaive(db.url, NAIVE_POOL_SIZE, [1, 2])
    try {
      const requests = (id: number, list: Ask[]) => list.map(a => ({ path: '/hold', body: { eventId: id, quantity: a.quantity } }))
      await runLoad(naive.url, requests(2, drawAsks('GA', WARMUP, 7)), Math.min(connections, WARMUP), DEADLINE_MS)
      const attemptsBefore = await naive.attempts()
      const cpu = await startCpu(naive.pid, db.url)
      const result = await runLoad(naive.url, requests(1, asks), connections, DEADLINE_MS)
      const spent = cpu()
      const attempts = await naive.attempts() - attemptsBefore
      const available = await naive.available(1)
      const sold = { capacity: 1_000, held: 1_000 - available, doubleClaimed: 0, oversold: Math.max(0, result.placesGranted - 1_000, -available) }
      return { kind: 'naive', layout: 'GA', connections, load: result, sold, naiveAttempts: attempts, cpu: spent }
    } finally {
      await naive.stop()
    }
  } finally {
    await db.drop()
  }
}

async function pgbenchScenario(seeded: Seeded, kind: 'SEATED' | 'GA', clients: number): Promise<Row> {
  const db = await cloneTemplate(seeded.template, `pgbench_${kind.toLowerCase()}_${clients}`)
  try {
    const event = seeded.events[kind]
    const result: PgbenchResult = await runPgbench(db.url, pgbenchScript(kind), { event: event.id, section: event.sectionId }, clients, BUYERS, DEADLINE_MS)
    const sold = await soldFromDb(db.url, event.id)
    return { kind: 'pgbench', layout: kind, connections: clients, pgbench: result, sold }
  } finally {
    await db.drop()
  }
}

async function removeJobs(): Promise<void> {
  const url = new URL(REDIS_URL)
  for (const prefix of [BULL_PREFIX, 'bull']) {
    const queue = new Queue(JOB_QUEUES.holdExpiry, { prefix, connection: { host: url.hostname, port: Number(url.port || 6379), db: Number(url.pathname.slice(1) || 0), maxRetriesPerRequest: null } })
    try {
      await queue.obliterate({ force: true })
    } finally {
      await queue.close()
    }
  }
}

async function main() {
  ensureBuild(log)
  const build = snapshotBuild()
  const loadAtStart = load()
  const started = performance.now()
  const authSecret = randomBytes(32).toString('base64url')
  log(`seeding: ${BUYERS} buyers (+256 for pgbench's per-client rounding), events; load ${loadAtStart}`)
  const seeded = await seedTemplate(BUYERS + 256, authSecret)
  const rows: Row[] = []
  try {
    const asks = { SEATED: drawAsks('SEATED', BUYERS, 42), GA: drawAsks('GA', BUYERS, 43) }
    for (const connections of CONNECTIONS) {
      // pgbench opens one backend per client: cap at what PostgreSQL will take now.
      const clients = Math.min(connections, await freeConnections())
      for (const kind of LAYOUTS) {
        log(`HTTP ${kind}, ${connections} connections`)
        rows.push(await httpScenario(seeded, join(build, '.output'), kind, connections, authSecret, asks[kind]))
        if (COMPARE_BUILD) {
          log(`HTTP ${kind}, ${connections} connections, on ${COMPARE_BUILD}`)
          rows.push(await httpScenario(seeded, COMPARE_BUILD, kind, connections, authSecret, asks[kind]))
        }
        if (ONLY_HTTP) continue
        log(`pgbench ${kind}, -c ${clients}`)
        rows.push(await pgbenchScenario(seeded, kind, clients))
      }
      if (ONLY_HTTP) continue
      log(`naive, ${connections} connections`)
      rows.push(await naiveScenario(seeded, connections, asks.GA))
    }
    for (const kind of ONLY_HTTP ? [] : LAYOUTS) {
      log(`pgbench ${kind}, -c ${POOL_SIZE} (the server's pool size)`)
      rows.push(await pgbenchScenario(seeded, kind, POOL_SIZE))
    }
  } finally {
    rmSync(build, { recursive: true, force: true })
    await dropAll()
    await removeJobs().catch(err => log(`could not remove the bench's expiry jobs: ${(err as Error).message}`))
  }
  console.log(renderReport(rows, {
    buyers: BUYERS, poolSize: POOL_SIZE, naivePoolSize: NAIVE_POOL_SIZE, loadAtStart, loadAtEnd: load(),
    seconds: (performance.now() - started) / 1000, node: process.version,
  }))
}

// Ctrl-C: drop the databases this run made before leaving (servers are child processes and go with it).
process.once('SIGINT', () => { void dropAll().finally(() => process.exit(130)) })
await main()

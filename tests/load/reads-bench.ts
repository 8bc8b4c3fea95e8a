// `npm run bench:reads`: the public read path against the built server on loopback, one route after
// another at 64 keep-alive connections, each as a ratio of GET /api/health measured in the same run
// (so a loaded machine shows in every row alike; health is measured first and last, the ratio is to
// their mean), plus p99, with wrk as the client. JSON routes and pages are asked with `Accept-Encoding: gzip`, as browsers and CDNs do. Seeds 15 published events (one a
// 10,000-seat arena, one a 1,000-seat hall) and prints the bytes of the arena's seat geometry and
// availability documents.
import { execFile } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { loadavg } from 'node:os'
import { gzipSync } from 'node:zlib'
import { ensureBuild } from '../../scripts/lib/ensure-build.ts'
import { createDb } from '../../server/db/client.ts'
import { insertPublishedEvent, insertUsers } from '../support/fixture-data.ts'
import { createTestDatabase } from '../support/database.ts'
import { startServer } from '../support/server.ts'

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_S ?? 1)
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11'
const CITIES = ['Lisbon', 'Porto', 'Berlin', 'Oslo', 'Madrid', 'Vienna']

const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`)
const load = () => loadavg().map(n => n.toFixed(2)).join(' ')

interface Measured {
  route: string
  rps: number
  p50: number
  p99: number
  non2xx: number
  errors: number
}

// The load comes from wrk (Debian's package, a C client): autocannon, in Node, parsed large bodies slower
// than the server sent them and measured itself instead (the 1,000-seat geometry, ~27 KB gzip: 3,600/s
// with autocannon, 16,273/s with wrk against the same server, 2026-12-07).
function hit(url: string, path: string, seconds: number, headers: Record<string, string> = {}): Promise<{ rps: number, p50: number, p99: number, non2xx: number, errors: number }> {
  const args = ['-t2', `-c${CONNECTIONS}`, `-d${seconds}s`, '--timeout', '10s', '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), `${url}${path}`]
  return new Promise((resolve, reject) => {
    execFile('wrk', args, { encoding: 'utf8' }, (err, out) => {
      if (err) return reject(new Error(`wrk failed (apt-get install -y wrk): ${err.message}`))
      const ms = (pct: string) => {
        const m = new RegExp(`^\\s*${pct}%\\s+([\\d.]+)(us|ms|s)\\s*$`, 'm').exec(out)
        if (!m) throw new Error(`no ${pct}% latency in wrk's output:\n${out}`)
        return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 } as const)[m[2] as 'us' | 'ms' | 's']
      }
      const count = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0)
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
      try {
        resolve({
          rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
          p50: Math.round(ms('50') * 10) / 10,
          p99: Math.round(ms('99') * 10) / 10,
          non2xx: count(/Non-2xx or 3xx responses: (\d+)/),
          errors: socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0,
        })
      } catch (e) {
        reject(e)
      }
    })
  })
}

async function seed(url: string, authSecret: string) {
  const db = createDb(url, { max: 4 })
  try {
    const [organiser] = await insertUsers(db, authSecret, [randomUUID()])
    const arena = await insertPublishedEvent(db, organiser!.id, [
      { name: 'North stand', kind: 'SEATED', rows: 50, seatsPerRow: 100 },
      { name: 'South stand', kind: 'SEATED', rows: 50, seatsPerRow: 100 },
      { name: 'Pitch', kind: 'GA', capacity: 2_000 },
    ])
    const hall = await insertPublishedEvent(db, organiser!.id, [{ name: 'Stalls', kind: 'SEATED', rows: 25, seatsPerRow: 40 }, { name: 'Standing', kind: 'GA', capacity: 200 }])
    const others = []
    for (let i = 0; i < 13; i++) others.push(await insertPublishedEvent(db, organiser!.id, [{ name: 'Floor', kind: 'GA', capacity: 100 + i }], { startsInDays: 5 + i }))
    const all = [arena, hall, ...others]
    for (const [i, e] of all.entries()) {
      await db.event.update({ where: { id: e.id }, data: { title: i % 3 === 0 ? `Jazz night ${i}` : `Concert ${i}`, city: CITIES[i % CITIES.length]!, description: 'An evening of music.' } })
    }
    await db.$executeRawUnsafe('VACUUM ANALYZE')
    return { arena: arena.id, hall: hall.id, token: organiser!.token }
  } finally {
    await db.$disconnect()
  }
}

async function main() {
  ensureBuild(log)
  const authSecret = randomBytes(32).toString('base64url')
  const database = await createTestDatabase('bookify_bench_reads')
  try {
    log('seeding 15 events (a 10,000-seat arena, a 1,000-seat hall)')
    const { arena, hall, token } = await seed(database.url, authSecret)
    const server = await startServer({ DATABASE_URL: database.url, AUTH_SECRET: authSecret, ENCRYPTION_KEY: randomBytes(32).toString('base64url'), REDIS_URL, BULLMQ_PREFIX: 'bookify-bench', RATE_LIMITS: 'off', LOG_LEVEL: 'warn' })
    try {
      const json = async (path: string) => (await fetch(`${server.url}${path}`)).json() as Promise<{ geometryVersion: string }>
      const hallVersion = (await json(`/api/events/${hall}/seats/availability`)).geometryVersion
      const arenaVersion = (await json(`/api/events/${arena}/seats/availability`)).geometryVersion
      const gzip = { 'accept-encoding': 'gzip' }
      // Pages as a browser asks for them; anonymous ones come from the page cache, a signed-in one is rendered.
      const page = { 'accept': 'text/html', 'accept-encoding': 'gzip' }
      const routes: [string, string, Record<string, string>?][] = [
        ['GET /api/health', '/api/health'],
        ['GET /api/search?q=jazz', '/api/search?q=jazz', gzip],
        ['GET /api/events', '/api/events', gzip],
        ['GET /api/events/:id', `/api/events/${hall}`, gzip],
        ['GET /api/events/:id/seats (v1, 1,000 seats)', `/api/events/${hall}/seats`, gzip],
        ['GET …/seats/geometry?v= (1,000 seats)', `/api/events/${hall}/seats/geometry?v=${hallVersion}`, gzip],
        ['GET …/seats/availability (1,000 seats)', `/api/events/${hall}/seats/availability`, gzip],
        ['GET …/seats/geometry?v= (10,000 seats)', `/api/events/${arena}/seats/geometry?v=${arenaVersion}`, gzip],
        ['GET …/seats/availability (10,000 seats)', `/api/events/${arena}/seats/availability`, gzip],
        ['GET / (SSR home)', '/', page],
        ['GET /events/:id (SSR event page)', `/events/${hall}`, page],
        ['GET / (SSR home, signed in: rendered for the user)', '/', { ...page, cookie: `bookify_access=${token}` }],
        ['GET /api/health (again, last)', '/api/health'],
      ]
      await hit(server.url, '/api/health', 3) // JIT, pools and the search index's first load, before anything counts
      const rows: Measured[] = []
      for (const [route, path, headers] of routes) {
        const t = performance.now()
        const probe = await fetch(`${server.url}${path}`, { headers })
        await probe.arrayBuffer()
        log(`${route}: one request ${probe.status} in ${Math.round(performance.now() - t)} ms`)
        await hit(server.url, path, WARMUP_SECONDS, headers)
        const m = await hit(server.url, path, SECONDS, headers)
        log(`${route}: ${Math.round(m.rps)}/s, p99 ${m.p99} ms (load ${load()})`)
        rows.push({ route, ...m })
      }
      const health = (rows[0]!.rps + rows.at(-1)!.rps) / 2
      console.log(`\nbench:reads — ${CONNECTIONS} connections, ${SECONDS} s a route after ${WARMUP_SECONDS} s of warm-up, one web process (load average at the end: ${load()})\n`)
      console.log('| route | requests/s | p50 | p99 | ÷ `/api/health` | non-2xx |')
      console.log('|---|---|---|---|---|---|')
      for (const r of rows) console.log(`| ${r.route} | ${Math.round(r.rps).toLocaleString('en')} | ${r.p50} ms | ${r.p99} ms | ${(r.rps / health).toFixed(2)} | ${r.non2xx + r.errors} |`)

      const size = async (path: string) => {
        const body = Buffer.from(await (await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer())
        return `${body.length.toLocaleString('en')} B (${gzipSync(body).length.toLocaleString('en')} B gzip)`
      }
      console.log('\n10,000-seat arena (2 × 50 rows × 100 seats, plus a GA pitch):')
      console.log(`- geometry:     ${await size(`/api/events/${arena}/seats/geometry?v=${arenaVersion}`)}`)
      console.log(`- availability: ${await size(`/api/events/${arena}/seats/availability`)}`)
      console.log(`- v1 seat map:  ${await size(`/api/events/${arena}/seats`)}`)
    } finally {
      await server.stop()
    }
  } finally {
    await database.drop()
  }
}

await main()

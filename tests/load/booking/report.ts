// The printed result: one table of every scenario, then the ratios and targets, all from one run.
import { ms } from '../stats.ts'
import type { LoadResult } from './http-load.ts'
import type { CpuSpend } from './cpu.ts'
import type { PgbenchResult } from './pgbench.ts'
import type { Sold } from './verify.ts'

export interface Row {
  kind: 'http' | 'naive' | 'pgbench'
  layout: 'SEATED' | 'GA'
  connections: number
  load?: LoadResult
  pgbench?: PgbenchResult
  sold: Sold
  /** Naive only: read-then-write attempts the server made (each one SELECT + one UPDATE). */
  naiveAttempts?: number
  /** HTTP: 'compare' for a run on BENCH_COMPARE_BUILD. */
  build?: 'compare'
  /** HTTP and naive: CPU ms spent during the measured run by the server, its PostgreSQL backends, the load generator. */
  cpu?: CpuSpend
}

export interface RunInfo {
  buyers: number
  poolSize: number
  naivePoolSize: number
  loadAtStart: string
  loadAtEnd: string
  seconds: number
  node: string
}

const TARGETS = { p99MsAt64: 200, rawRatio: 0.5, naiveRatio: 3 }
const int = (n: number) => Math.round(n).toLocaleString('en')
const count = (l: LoadResult, code: number) => l.status[code] ?? 0
const fivexx = (l: LoadResult) => Object.entries(l.status).filter(([c]) => Number(c) >= 500).reduce((n, [, v]) => n + v, 0)
const other = (l: LoadResult) => Object.entries(l.status).filter(([c]) => !['201', '409'].includes(c) && Number(c) < 500).reduce((n, [, v]) => n + v, 0)
const mark = (ok: boolean) => (ok ? '✓' : '✗')

/** Decisions per second: holds granted (201) plus refusals (409); pgbench: transactions per second. */
export function decisionsPerSecond(row: Row): number {
  if (row.pgbench) return row.pgbench.tps
  const l = row.load!
  return (count(l, 201) + count(l, 409)) / l.seconds
}

function scenarioName(row: Row): string {
  const layout = row.layout === 'SEATED' ? 'seated 25×40' : 'GA 1,000'
  if (row.kind === 'http') return `HTTP POST /api/holds, ${layout}${row.build ? ' (compare build)' : ''}`
  if (row.kind === 'pgbench') return `raw SQL (pgbench), ${layout}`
  return 'naive counter + version, retried'
}

function line(row: Row): string {
  const sold = `${int(row.sold.held)} / ${int(row.sold.capacity)}`
  if (row.pgbench) {
    const p = row.pgbench
    return `| ${scenarioName(row)} | ${p.clients} | ${int(p.tps)} | avg ${ms(p.latencyAvgMs)} | – | ${int(p.transactions)} tx | ${sold} | ${row.sold.oversold} | ${p.failed} failed | – | ${p.aborted ? 'aborted at deadline' : ''} |`
  }
  const l = row.load!
  const notes = [
    `last 201 after ${l.lastGrantS.toFixed(2)} s of ${l.seconds.toFixed(2)} s`,
    l.placesGranted !== row.sold.held ? `201 bodies granted ${l.placesGranted} places` : '',
    row.naiveAttempts ? `${(row.naiveAttempts / l.sent).toFixed(1)} read+write attempts per buyer` : '',
    other(l) ? `${other(l)} other 4xx` : '',
    l.errors ? `${l.errors} connection errors (${l.timeouts} timeouts)` : '',
    l.sent < 1 || l.aborted ? 'aborted at deadline' : '',
  ].filter(Boolean).join('; ')
  const decisions = count(l, 201) + count(l, 409)
  const cpu = row.cpu ? [row.cpu.server, row.cpu.postgres, row.cpu.client].map(v => (v / decisions).toFixed(2)).join(' / ') : '–'
  return `| ${scenarioName(row)} | ${row.connections} | ${int(decisionsPerSecond(row))} | ${ms(l.p50)} | ${ms(l.p99)} | ${int(count(l, 201))} / ${int(count(l, 409))} | ${sold} | ${row.sold.oversold} | ${fivexx(l)} | ${cpu} | ${notes} |`
}

export function renderReport(rows: Row[], info: RunInfo): string {
  const out: string[] = []
  out.push(`\nBooking benchmark — ${info.buyers.toLocaleString('en')} buyers (distinct users), one hold attempt each, Node ${info.node}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`)
  out.push(`Web server pool ${info.poolSize}, naive server pool ${info.naivePoolSize}; load average at start ${info.loadAtStart}, at end ${info.loadAtEnd} (2 cores); whole run ${Math.round(info.seconds)} s\n`)
  out.push('| scenario | conns | decisions/s | p50 | p99 | 201 / 409 | sold / capacity (DB) | oversold | 5xx | CPU ms per decision: server / PG / client | notes |')
  out.push('|---|---|---|---|---|---|---|---|---|---|---|')
  for (const row of rows) out.push(line(row))

  out.push('\n| layout | conns | HTTP decisions/s | raw SQL tx/s (pgbench -c) | HTTP / raw | HTTP / best raw | naive decisions/s | HTTP / naive | last 201 after: HTTP / naive | p99 < 200 ms at 64 | 0 oversold, 0 5xx |')
  out.push('|---|---|---|---|---|---|---|---|---|---|---|')
  for (const http of rows.filter(r => r.kind === 'http' && !r.build)) {
    const raws = rows.filter(r => r.kind === 'pgbench' && r.layout === http.layout)
    if (raws.length === 0) continue
    const raw = raws.find(r => r.connections === Math.min(http.connections, ...raws.map(x => x.connections).filter(c => c >= http.connections)))
      ?? raws.reduce((a, b) => (b.connections > a.connections ? b : a))
    const best = raws.reduce((a, b) => (decisionsPerSecond(b) > decisionsPerSecond(a) ? b : a))
    const naive = rows.find(r => r.kind === 'naive' && r.connections === http.connections)
    const h = decisionsPerSecond(http)
    const rawRatio = h / decisionsPerSecond(raw)
    const naiveRatio = naive ? h / decisionsPerSecond(naive) : Number.NaN
    const p99 = http.load!.p99
    const clean = http.sold.oversold === 0 && fivexx(http.load!) === 0
    out.push(`| ${http.layout} | ${http.connections} | ${int(h)} | ${int(decisionsPerSecond(raw))} (-c ${raw.connections}) | ${rawRatio.toFixed(2)} ${mark(rawRatio >= TARGETS.rawRatio)} | ${(h / decisionsPerSecond(best)).toFixed(2)} (best: -c ${best.connections}) | ${naive ? int(decisionsPerSecond(naive)) : '–'} | ${naiveRatio.toFixed(1)}× ${mark(naiveRatio >= TARGETS.naiveRatio)} | ${http.load!.lastGrantS.toFixed(2)} s / ${naive ? `${naive.load!.lastGrantS.toFixed(2)} s` : '–'} | ${http.connections === 64 ? `${ms(p99)} ${mark(p99 < TARGETS.p99MsAt64)}` : `(${ms(p99)})`} | ${mark(clean)} |`)
  }
  out.push('\nDecisions = holds granted (201) + refusals (409 SEATS_UNAVAILABLE / SOLD_OUT). "sold" = places under an active hold, counted in the database; '
    + 'oversold = places claimed by two active holds + places beyond capacity. CPU = user+system time of the server process, '
    + 'its pool\'s PostgreSQL backends and the load generator during the measured run. The naive server (bare node:http + pg, no auth) only keeps a counter, so it serves both layouts as "n places". '
    + '"last 201 after": how long selling lasted (GA sells out; seated keeps granting scattered single seats to the end).')
  return out.join('\n')
}

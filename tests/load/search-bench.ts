// `npm run bench:search`: lunr search (as the web process and the browser run it) against
// PostgreSQL full-text search, on synthetic catalogues of 10,000 and 100,000 events. One run prints
// every figure, so the ratios compare like with like on a shared machine.
import { gunzipSync, gzipSync } from 'node:zlib'
import { buildSearchPayload } from '../../server/domain/search/build-payload.ts'
import { loadSearch } from '../../shared/search/load-search.ts'
import { searchEvents } from '../../shared/search/search-events.ts'
import { suggest } from '../../shared/search/suggester.ts'
import { generateCatalogue } from './search-catalogue.ts'
import { createScratchDatabase, loadCatalogue, searchPostgres, suggestPostgres } from './search-postgres.ts'
import { benchQueries, type BenchQuery } from './search-queries.ts'
import { mb, measure, ms, timed, timedAsync, type Latency } from './stats.ts'

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number)
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300)
const TARGETS_AT_10K = { buildMs: 3_000, queryP99Ms: 10, suggestP99Ms: 5, gzipBytes: 2 * 1_048_576 }

interface Row {
  size: number
  buildMs: number
  rawBytes: number
  gzipBytes: number
  loadMs: number
  heapMb: number
  lunr: Record<'oneWord' | 'threeWords' | 'filtered' | 'suggest', Latency>
  pgLoadMs: number
  pg: Record<'oneWord' | 'threeWords' | 'filtered' | 'suggest', Latency>
  hits: Record<'oneWord' | 'threeWords', number>
}

async function benchSize(size: number): Promise<Row> {
  const now = Date.now()
  const catalogue = generateCatalogue(size, 42, now)
  const queries = benchQueries(catalogue, QUERIES)
  global.gc?.()
  const heapBefore = process.memoryUsage().heapUsed

  const [payload, buildMs] = timed(() => buildSearchPayload(catalogue, new Date(now)))
  const json = JSON.stringify(payload)
  const gzip = gzipSync(json)
  const [search, loadMs] = timed(() => loadSearch(JSON.parse(gunzipSync(gzip).toString('utf8'))))
  global.gc?.()
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576

  const run = (query: BenchQuery) => searchEvents(search, { ...query, page: 1, pageSize: 20 }, now)
  const found = (list: BenchQuery[]) => list.filter(q => run(q).total > 0).length / list.length
  const lunr = {
    oneWord: await measure(queries.oneWord, run),
    threeWords: await measure(queries.threeWords, run),
    filtered: await measure(queries.filtered, run),
    suggest: await measure(queries.suggest, q => suggest(search.suggester, q, now)),
  }

  const scratch = await createScratchDatabase()
  try {
    const [, pgLoadMs] = await timedAsync(() => loadCatalogue(scratch.client, catalogue))
    const pgRun = (query: BenchQuery) => searchPostgres(scratch.client, query)
    const pg = {
      oneWord: await measure(queries.oneWord, pgRun),
      threeWords: await measure(queries.threeWords, pgRun),
      filtered: await measure(queries.filtered, pgRun),
      suggest: await measure(queries.suggest, q => suggestPostgres(scratch.client, q)),
    }
    return {
      size, buildMs, rawBytes: Buffer.byteLength(json), gzipBytes: gzip.length, loadMs, heapMb, lunr, pgLoadMs, pg,
      hits: { oneWord: found(queries.oneWord), threeWords: found(queries.threeWords) },
    }
  } finally {
    await scratch.drop()
  }
}

const latency = (l: Latency) => `${ms(l.p50)} / ${ms(l.p99)}`
const mark = (ok: boolean) => (ok ? ' ✓' : ' ✗')

function table(rows: Row[]): string {
  const at10k = rows.find(r => r.size === 10_000)
  const check = (r: Row, ok: (r: Row) => boolean) => (r === at10k ? mark(ok(r)) : '')
  const header = `| | ${rows.map(r => `lunr ${r.size.toLocaleString('en')}`).join(' | ')} | ${rows.map(r => `PostgreSQL FTS ${r.size.toLocaleString('en')}`).join(' | ')} |`
  const line = (label: string, lunr: (r: Row) => string, pg: (r: Row) => string) =>
    `| ${label} | ${rows.map(lunr).join(' | ')} | ${rows.map(pg).join(' | ')} |`
  return [
    header,
    `|---|${rows.map(() => '---').join('|')}|${rows.map(() => '---').join('|')}|`,
    line('build (lunr: index + payload; PG: insert + GIN)', r => ms(r.buildMs) + check(r, x => x.buildMs < TARGETS_AT_10K.buildMs), r => ms(r.pgLoadMs)),
    line('serialized size raw / gzip', r => `${mb(r.rawBytes)} / ${mb(r.gzipBytes)}${check(r, x => x.gzipBytes < TARGETS_AT_10K.gzipBytes)}`, () => '–'),
    line('load snapshot (parse + unpack), heap', r => `${ms(r.loadMs)}, ${Math.round(r.heapMb)} MB`, () => '–'),
    line('one word p50 / p99', r => latency(r.lunr.oneWord) + check(r, x => x.lunr.oneWord.p99 < TARGETS_AT_10K.queryP99Ms), r => latency(r.pg.oneWord)),
    line('three words p50 / p99', r => latency(r.lunr.threeWords) + check(r, x => x.lunr.threeWords.p99 < TARGETS_AT_10K.queryP99Ms), r => latency(r.pg.threeWords)),
    line('word + city + dates p50 / p99', r => latency(r.lunr.filtered) + check(r, x => x.lunr.filtered.p99 < TARGETS_AT_10K.queryP99Ms), r => latency(r.pg.filtered)),
    line('suggest p50 / p99', r => latency(r.lunr.suggest) + check(r, x => x.lunr.suggest.p99 < TARGETS_AT_10K.suggestP99Ms), r => latency(r.pg.suggest)),
  ].join('\n')
}

const started = performance.now()
const rows: Row[] = []
for (const size of SIZES) {
  console.error(`… ${size.toLocaleString('en')} events`)
  rows.push(await benchSize(size))
}
console.log(`\nSearch benchmark — Node ${process.version}, ${QUERIES} queries of each kind, ${new Date().toISOString().slice(0, 10)}`)
console.log('(lunr: in process, as /api/search runs it; PostgreSQL: one client over localhost, ts_rank, top 20 with total)\n')
console.log(table(rows))
for (const r of rows) console.log(`\n${r.size.toLocaleString('en')} events: ${Math.round(r.hits.oneWord * 100)}% of one-word and ${Math.round(r.hits.threeWords * 100)}% of three-word queries matched something.`)
console.log(`\nWhole run: ${ms(performance.now() - started)}`)

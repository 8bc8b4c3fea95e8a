// The comparison for the search benchmark: the same catalogue in a scratch PostgreSQL database,
// searched with full-text search (a weighted to_tsvector column under a GIN index).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { SearchSource } from '../../server/domain/search/build-payload.ts'
import { wordsOf } from '../../shared/search/words.ts'
import type { BenchQuery } from './search-queries.ts'

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'
const BATCH = 5_000

export interface ScratchDatabase {
  client: pg.Client
  drop(): Promise<void>
}

export async function createScratchDatabase(): Promise<ScratchDatabase> {
  const name = `bookify_bench_search_${Date.now()}_${randomBytes(3).toString('hex')}`
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  let dropped = false
  return {
    client,
    drop: async () => {
      if (dropped) return
      dropped = true
      await client.end().catch(() => {})
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await admin.end()
    },
  }
}

/** Creates the table, loads the catalogue and builds its indexes. */
export async function loadCatalogue(client: pg.Client, catalogue: SearchSource[]): Promise<void> {
  await client.query(`
    CREATE TABLE bench_events (
      id uuid PRIMARY KEY, title text NOT NULL, description text NOT NULL, category text NOT NULL,
      organiser text NOT NULL, venue_name text NOT NULL, city text NOT NULL,
      starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, price_cents int,
      doc tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', organiser || ' ' || category), 'B') ||
        setweight(to_tsvector('english', venue_name || ' ' || city), 'C') ||
        setweight(to_tsvector('english', description), 'D')) STORED
    )`)
  for (let i = 0; i < catalogue.length; i += BATCH) {
    const rows = catalogue.slice(i, i + BATCH)
    const column = <T>(f: (e: SearchSource) => T) => rows.map(f)
    await client.query(`
      INSERT INTO bench_events (id, title, description, category, organiser, venue_name, city, starts_at, ends_at, price_cents)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[], $10::int[])`,
    [column(e => e.id), column(e => e.title), column(e => e.description), column(e => e.category), column(e => e.organiserName),
      column(e => e.venueName), column(e => e.city), column(e => e.startsAt), column(e => e.endsAt), column(e => e.priceFrom?.amountCents ?? null)])
  }
  await client.query('CREATE INDEX bench_events_doc ON bench_events USING gin (doc)')
  await client.query('CREATE INDEX bench_events_city_starts ON bench_events (city, starts_at)')
  await client.query('ANALYZE bench_events')
}

/** lunr's query rules as far as tsquery can follow them: every word required, the last one a prefix. No typo tolerance. */
export function tsQueryOf(q: string): string {
  const words = wordsOf(q)
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ')
}

export async function searchPostgres(client: pg.Client, query: BenchQuery): Promise<number> {
  const { rows } = await client.query(`
    SELECT id, ts_rank(doc, q) AS rank, count(*) OVER () AS total
      FROM bench_events, to_tsquery('english', $1) q
     WHERE doc @@ q AND ends_at > now()
       AND ($2::text IS NULL OR city = $2)
       AND ($3::timestamptz IS NULL OR starts_at >= $3)
       AND ($4::timestamptz IS NULL OR starts_at < $4)
     ORDER BY rank DESC, starts_at
     LIMIT 20`, [tsQueryOf(query.q), query.city ?? null, query.from ?? null, query.to ?? null])
  return rows.length
}

/** Title completions: events whose title has a word starting with the prefix (weight A only). */
export async function suggestPostgres(client: pg.Client, prefix: string): Promise<number> {
  const words = wordsOf(prefix)
  if (words.length === 0) return 0
  const tsquery = words.map((w, i) => (i === words.length - 1 ? `${w}:*A` : `${w}:A`)).join(' & ')
  const { rows } = await client.query(`
    SELECT DISTINCT ON (starts_at, title) title FROM bench_events
     WHERE doc @@ to_tsquery('english', $1) AND ends_at > now()
     ORDER BY starts_at, title LIMIT 8`, [tsquery])
  return rows.length
}

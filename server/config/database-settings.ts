// How the app reaches PostgreSQL: a pooled URL for queries, a direct one for what needs a session of
// its own, and whether named prepared statements may be used. Behind PgBouncer in transaction mode
// (Railway's and most managed PostgreSQL's pooler) every transaction may run on another server
// connection, so a statement prepared on one is unknown on the next: PgBouncer before 1.21 (Debian's
// is 1.18) answers `prepared statement "…" does not exist`. Unnamed statements (parsed afresh in the
// same round trip as their execution) work on any pooler.

export type PreparedStatementsSetting = 'auto' | 'on' | 'off'

export interface DatabaseSettings {
  /** What the pools connect to (the pooler, when there is one), without the `pgbouncer` marker. */
  url: string
  /**
   * A connection straight to PostgreSQL, for migrations (a session advisory lock held across many
   * statements) and anything else that needs its session; DATABASE_URL when no pooler is named.
   */
  directUrl: string
  /** True when DATABASE_URL says it goes through PgBouncer (`?pgbouncer=true`, as Prisma spells it). */
  pooled: boolean
  /** False: every query is sent unnamed, including the app's own named hot statements. */
  preparedStatements: boolean
}

/** Prisma's marker for a pooled URL; pg would pass unknown parameters on, so it is taken out. */
const POOLER_PARAM = 'pgbouncer'

function withoutPoolerParam(raw: string): { url: string, pooled: boolean } {
  let parsed: URL
  try {
    parsed = new URL(raw)
  } catch {
    return { url: raw, pooled: false } // pg reports a malformed URL itself, on first connect
  }
  const marker = parsed.searchParams.get(POOLER_PARAM)
  if (marker === null) return { url: raw, pooled: false }
  parsed.searchParams.delete(POOLER_PARAM)
  return { url: parsed.toString(), pooled: marker === 'true' || marker === '1' }
}

/**
 * DATABASE_URL, DATABASE_DIRECT_URL and DATABASE_PREPARED_STATEMENTS into settings; an error message
 * (a sentence naming the variable) when they contradict each other.
 */
export function databaseSettings(databaseUrl: string, directUrl: string | undefined, prepared: PreparedStatementsSetting): DatabaseSettings | { error: string } {
  const { url, pooled } = withoutPoolerParam(databaseUrl)
  // Migrations through a transaction pooler would take their advisory lock on one server connection
  // and release it on another: refuse rather than guess where PostgreSQL itself is.
  if (pooled && !directUrl) return { error: 'DATABASE_DIRECT_URL must be set when DATABASE_URL goes through PgBouncer (?pgbouncer=true): migrations and session work need PostgreSQL itself.' }
  const direct = directUrl ? withoutPoolerParam(directUrl) : { url, pooled: false }
  if (direct.pooled) return { error: 'DATABASE_DIRECT_URL must reach PostgreSQL directly, not through PgBouncer (drop ?pgbouncer=true).' }
  return {
    url,
    directUrl: direct.url,
    pooled,
    preparedStatements: prepared === 'auto' ? !pooled : prepared === 'on',
  }
}

// The Prisma client, built on the pg driver adapter (no native query engine is needed at run time).
// The adapter runs on a pg pool we create, so the few hot statements that Prisma's per-query work
// would slow down (the hold claim, run by every buyer in a rush) can use the same pool and the same
// connections directly: one pool per process, one connection budget.
import { PrismaPg } from '@prisma/adapter-pg'
import pg from 'pg'
import { useLogger } from '../observability/logger.ts'
import { Prisma, PrismaClient } from './generated/client.ts'

export type Db = PrismaClient
export type { Prisma } from './generated/client.ts'

/** Tagged SQL fragments, for raw queries built from parts (still parameterised). */
export const sql = Prisma.sql

const pools = new WeakMap<Db, pg.Pool>()

/**
 * A pg client that sends every statement unnamed. Prisma's adapter already does (it names a statement
 * only when given a statementNameGenerator, which we never pass); our hot statements (the hold claim,
 * the memo reads, the queue join) name theirs so PostgreSQL plans them once per connection. Behind a
 * transaction pooler that connection changes under us, so the name is dropped here, in one place.
 */
class UnnamedStatementsClient extends pg.Client {
  // pg's query() has a dozen overloads; this only rewrites a plain config object and passes the rest on.
  override query(...args: unknown[]): never {
    const [first] = args
    if (first && typeof first === 'object' && 'name' in first && typeof (first as { submit?: unknown }).submit !== 'function') {
      args[0] = { ...first, name: undefined }
    }
    return (super.query as (...a: unknown[]) => never)(...args)
  }
}

export interface DbOptions {
  max?: number
  /** false (DATABASE_PREPARED_STATEMENTS, database-settings.ts): no named prepared statements at all. */
  preparedStatements?: boolean
}

export function createDb(connectionString: string, options: DbOptions = {}): Db {
  // allowExitOnIdle: idle connections never keep a finished script or test alive.
  const pool = new pg.Pool({
    connectionString, max: options.max ?? 10, allowExitOnIdle: true,
    ...(options.preparedStatements === false ? { Client: UnnamedStatementsClient } : {}),
  })
  // A pooled connection PostgreSQL drops while idle (restart, pg_terminate_backend) emits 'error' on
  // the pool; unheard, that would crash the process. The pool replaces it on the next query, and
  // queries that fail answer 503 through the error handler.
  pool.on('error', err => useLogger().warn({ err: err.message }, 'idle database connection lost'))
  // $disconnect ends the pool too (tests and workers rely on it to let the process exit).
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) })
  pools.set(db, pool)
  return db
}

/** The pg pool under a client made by createDb. Parameterised SQL only; rows come back as pg types them. */
export function sqlPool(db: Db): pg.Pool {
  const pool = pools.get(db)
  if (!pool) throw new Error('sqlPool: this client was not made by createDb')
  return pool
}

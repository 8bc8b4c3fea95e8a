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

export function createDb(connectionString: string, options: { max?: number } = {}): Db {
  // allowExitOnIdle: idle connections never keep a finished script or test alive.
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, allowExitOnIdle: true })
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

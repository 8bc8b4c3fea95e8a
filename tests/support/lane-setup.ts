// Runs before each integration file: points the file (and every process it starts) at its lane's
// Redis database, and takes the run-wide lock that lets a file which stops the shared RabbitMQ run
// alone (RUNS_ALONE). The lock is a PostgreSQL advisory lock held on one connection for the whole
// file: shared by ordinary files, exclusive for the others; PostgreSQL queues a waiting exclusive
// request ahead of later shared ones, so a file that must run alone is not starved.
import { basename } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, expect } from 'vitest'
import { lane, RUNS_ALONE } from './lane.ts'

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'
/** Any constant; the lock lives on the admin database, which every lane can reach. */
const RUN_LOCK = 0x626b_7275

process.env.REDIS_URL = lane().redisUrl

// On globalThis: a lane's files share one process (isolate: false), and a file whose own afterAll
// failed may never reach ours, so the next file of the lane lets its predecessor's lock go first.
const state = globalThis as { bookifyRunLock?: pg.Client }
async function release(): Promise<void> {
  const holder = state.bookifyRunLock
  state.bookifyRunLock = undefined
  await holder?.end().catch(() => {}) // ending the session lets the lock go
}

beforeAll(async () => {
  await release()
  const file = expect.getState().testPath
  const alone = !!file && RUNS_ALONE.includes(basename(file))
  const holder = new pg.Client({ connectionString: ADMIN_URL })
  await holder.connect()
  state.bookifyRunLock = holder
  await holder.query(alone ? 'SELECT pg_advisory_lock($1)' : 'SELECT pg_advisory_lock_shared($1)', [RUN_LOCK])
}, 600_000)
afterAll(release)

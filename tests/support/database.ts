// A throw-away PostgreSQL database per test run: created, migrated with the project's own
// migration engine, and dropped afterwards.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { applyMigrations } from '../../scripts/db/engine.ts'

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
  url: string
  name: string
  drop(): Promise<void>
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

const newName = (prefix: string) => `${prefix}_${Date.now()}_${randomBytes(3).toString('hex')}`

function database(name: string): TestDatabase {
  return {
    url: withDatabase(ADMIN_URL, name),
    name,
    drop: () => admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    }),
  }
}

export async function createTestDatabase(prefix = 'bookify_test'): Promise<TestDatabase> {
  const name = newName(prefix)
  await admin(c => c.query(`CREATE DATABASE "${name}"`))
  const db = database(name)
  await applyMigrations(db.url, () => {})
  return db
}

/** A copy of `source` (migrated, nobody connected to it) as PostgreSQL copies a template. */
export async function cloneTestDatabase(source: Pick<TestDatabase, 'name'>, prefix = source.name.replace(/_\d+_[0-9a-f]{6}$/, '')): Promise<TestDatabase> {
  const name = newName(prefix)
  await admin(c => c.query(`CREATE DATABASE "${name}" TEMPLATE "${source.name}"`))
  return database(name)
}

// PostgreSQL connections killed under the server (pg_terminate_backend on its own database, again and
// again while requests run): requests answer 503 SERVICE_UNAVAILABLE with Retry-After — never 500 —
// and the server recovers by itself, with no restart, once the killing stops.
import { randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'
import type { RunningServer } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { createDb, type Db } from '../../server/db/client.ts'
import { insertPublishedEvent, insertUsers, type TestUser } from '../support/fixture-data.ts'

let database: TestDatabase
let server: RunningServer
let db: Db
let admin: pg.Client

beforeAll(async () => {
  // A database of its own: killing its connections disturbs no other test file.
  database = await createTestDatabase('bookify_fault')
  server = await startTestServer({
    DATABASE_URL: database.url, AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  })
  db = createDb(database.url, { max: 2 })
  admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres' })
  await admin.connect()
})
afterAll(async () => {
  await server?.stop()
  await db?.$disconnect()
  await admin?.end()
  await database?.drop()
})

async function killConnections(): Promise<number> {
  const res = await admin.query('SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database.name])
  return Number(res.rows[0].n)
}

async function get(path: string, token: string) {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json().catch(() => null) as any }
}

describe('PostgreSQL connections killed', () => {
  it('answers 503 (never 500) while broken and recovers by itself', async () => {
    const [user] = await insertUsers(db, inject('authSecret'), [randomUUID()]) as [TestUser]
    const event = await insertPublishedEvent(db, user.id, [{ name: 'Floor', kind: 'GA', capacity: 10 }])
    await db.$disconnect()
    const paths = ['/api/me', `/api/events/${event.id}`, '/api/bookings', '/api/events?pageSize=5']
    for (const path of paths) expect((await get(path, user.token)).status, path).toBe(200)

    // Kill every connection of the database every few milliseconds while requests keep coming.
    let killing = true
    let kills = 0
    const killer = (async () => {
      while (killing) {
        kills += await killConnections()
        await new Promise(r => setTimeout(r, 5))
      }
    })()
    const statuses = new Map<number, number>()
    const deadline = Date.now() + 3_000
    try {
      while (Date.now() < deadline) {
      const answers = await Promise.all(paths.map(path => get(path, user.token)))
      for (const a of answers) {
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1)
        expect(a.status, JSON.stringify(a.body)).not.toBe(500)
        if (a.status === 503) {
          expect(a.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' })
          expect(Number(a.retryAfter)).toBeGreaterThan(0)
        } else {
          expect(a.status, JSON.stringify(a.body)).toBe(200)
        }
      }
      }
    } finally {
      killing = false
      await killer
    }
    expect(kills).toBeGreaterThan(0)
    expect(statuses.get(503) ?? 0, `answers while broken: ${JSON.stringify([...statuses])}`).toBeGreaterThan(0)

    // Recovery without a restart: within a few seconds every route answers 200 again.
    const recoverBy = Date.now() + 10_000
    let healthy = false
    while (!healthy && Date.now() < recoverBy) {
      const answers = await Promise.all(paths.map(path => get(path, user.token)))
      healthy = answers.every(a => a.status === 200)
      if (!healthy) await new Promise(r => setTimeout(r, 200))
    }
    expect(healthy).toBe(true)
    expect(server.process.exitCode).toBeNull()
  })
})

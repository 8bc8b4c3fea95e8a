// Direct-to-database fixtures for integration tests: users with ready access tokens and
// published events with inventory, without going through (slow, rate-limited) HTTP sign-ups.
// The data itself comes from fixture-data.ts, which the benchmarks share.
import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import { createDb, type Db } from '../../server/db/client.ts'
import { cloneTestDatabase, type TestDatabase } from './database.ts'
import { insertPublishedEvent, insertUsers, type TestEvent, type TestSection, type TestUser } from './fixture-data.ts'
import { testDatabaseUrl } from './lane.ts'

export type { TestEvent, TestSection, TestUser }

let db: Db | undefined
export function testDb(): Db {
  db ??= createDb(testDatabaseUrl(), { max: 5 })
  return db
}

/** Users are created in one statement; the password hash is a placeholder no login can match. */
export function createUsers(count: number, db = testDb()): Promise<TestUser[]> {
  return insertUsers(db, inject('authSecret'), Array.from({ length: count }, () => randomUUID()))
}

export function createPublishedEvent(organiserId: string, sections: TestSection[], options: { holdMinutes?: number, startsInDays?: number, db?: Db } = {}): Promise<TestEvent> {
  return insertPublishedEvent(options.db ?? testDb(), organiserId, sections, options)
}

/**
 * A migrated database of a file's own, for a file that runs a deployment of its own (a web server
 * on a private Redis, say) which must not share rows with the lane's server: two deployments on one
 * database but different Redis would each run the waiting rooms' admitter, say.
 */
export function clonePrivateDatabase(prefix: string): Promise<TestDatabase> {
  return cloneTestDatabase({ name: inject('templateDatabase') }, prefix)
}

// Direct-to-database fixtures for integration tests: users with ready access tokens and
// published events with inventory, without going through (slow, rate-limited) HTTP sign-ups.
// The data itself comes from fixture-data.ts, which the benchmarks share.
import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import { createDb, type Db } from '../../server/db/client.ts'
import { insertPublishedEvent, insertUsers, type TestEvent, type TestSection, type TestUser } from './fixture-data.ts'

export type { TestEvent, TestSection, TestUser }

let db: Db | undefined
export function testDb(): Db {
  db ??= createDb(inject('databaseUrl'), { max: 5 })
  return db
}

/** Users are created in one statement; the password hash is a placeholder no login can match. */
export function createUsers(count: number): Promise<TestUser[]> {
  return insertUsers(testDb(), inject('authSecret'), Array.from({ length: count }, () => randomUUID()))
}

export function createPublishedEvent(organiserId: string, sections: TestSection[], options: { holdMinutes?: number, startsInDays?: number } = {}): Promise<TestEvent> {
  return insertPublishedEvent(testDb(), organiserId, sections, options)
}

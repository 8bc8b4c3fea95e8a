// The queue bench's database: 20,000 buyers with ready tokens, an organiser, and three 1,000-place GA
// events — one queued buyers poll, one whose sale runs through SSE, one sold without a room.
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { createDb } from '../../../server/db/client.ts'
import { newSeed } from '../../../server/domain/queue/fairness.ts'
import { insertPublishedEvent, insertUsers, type TestUser } from '../../support/fixture-data.ts'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { buyerId } from '../booking/buyers.ts'

export const PLACES = 1_000

export interface QueueSeed {
  database: TestDatabase
  organiser: TestUser
  buyers: TestUser[]
  events: { poll: BenchRoomEvent, sse: BenchRoomEvent, direct: BenchRoomEvent }
}

export interface BenchRoomEvent {
  id: string
  sectionId: string
}

export async function seedQueueBench(buyerCount: number, authSecret: string): Promise<QueueSeed> {
  const database = await createTestDatabase('bookify_bench_queue')
  const db = createDb(database.url, { max: 4 })
  try {
    const [organiser] = await insertUsers(db, authSecret, [randomUUID()]) as [TestUser]
    const buyers = await insertUsers(db, authSecret, Array.from({ length: buyerCount }, (_, i) => buyerId(i + 1)))
    const event = async (room: { admitPerMinute: number | null, salesStartAt: Date } | null): Promise<BenchRoomEvent> => {
      const created = await insertPublishedEvent(db, organiser.id, [{ name: 'Standing', kind: 'GA', capacity: PLACES }])
      if (room) {
        await db.waitingRoom.create({ data: { eventId: created.id, enabled: true, opensAt: new Date(Date.now() - 60_000), ...room, ...newSeed() } })
      }
      return { id: created.id, sectionId: created.sections[0]!.id }
    }
    const events = {
      // Sale already on, a fixed 1,200 a minute: admissions run through the whole polling window.
      poll: await event({ admitPerMinute: 1_200, salesStartAt: new Date(Date.now() - 1_000) }),
      // Sale in an hour until the bench brings it forward; automatic admission.
      sse: await event({ admitPerMinute: null, salesStartAt: new Date(Date.now() + 3_600_000) }),
      direct: await event(null),
    }
    await db.$executeRawUnsafe('VACUUM ANALYZE')
    return { database, organiser, buyers, events }
  } finally {
    await db.$disconnect()
  }
}

/** Transactions committed or rolled back in one database so far (pg_stat_database). */
export async function transactions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    // Backends publish their counters when idle for a moment; the caller waits ~1.5 s before asking.
    const { rows: [row] } = await client.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()')
    return Number(row!.n)
  } finally {
    await client.end()
  }
}

// One seeded template database (migrated, buyers, the events), and a fresh copy of it for every
// scenario (CREATE DATABASE … TEMPLATE), so each run starts from the same untouched inventory.
import { randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { createDb } from '../../../server/db/client.ts'
import { insertPublishedEvent, insertUsers, type TestUser } from '../../support/fixture-data.ts'
import { createTestDatabase, type TestDatabase } from '../../support/database.ts'
import { GA_CAPACITY, SEATED, buyerId, rowNumber, seatId } from './buyers.ts'

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'

export interface BenchEvent {
  kind: 'SEATED' | 'GA'
  id: string
  sectionId: string
  /** Tag of the derived seat ids (seatId(row, seat, tag)); seated only. */
  seatTag: string
  /** BENCH_PRICING=1: a second, limited ticket type and a limited promo code, in play for part of the buyers. */
  pricing?: { concessionTypeId: string, promoCode: string }
}

/** BENCH_PRICING=1: every event also sells a "Concession" type with a quota, and has a 20% code with max uses. */
const PRICING = process.env.BENCH_PRICING === '1'

export interface Seeded {
  template: TestDatabase
  buyers: TestUser[]
  /** The measured events, and a warm-up twin of each (same shape, other places). */
  events: Record<'SEATED' | 'GA', BenchEvent>
  warmup: Record<'SEATED' | 'GA', BenchEvent>
}

const created = new Set<string>()
function track(db: TestDatabase): TestDatabase {
  created.add(db.name)
  return { ...db, drop: async () => { await db.drop(); created.delete(db.name) } }
}

/** Drops every database this run created and still has (clones first, then the template). */
export async function dropAll(): Promise<void> {
  const names = [...created].reverse()
  created.clear()
  await admin(async (c) => {
    for (const name of names) await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
  })
}

export async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export async function seedTemplate(buyerCount: number, authSecret: string): Promise<Seeded> {
  const template = track(await createTestDatabase('bookify_bench_booking'))
  const db = createDb(template.url, { max: 4 })
  try {
    const [organiser] = await insertUsers(db, authSecret, [randomUUID()])
    const buyers = await insertUsers(db, authSecret, Array.from({ length: buyerCount }, (_, i) => buyerId(i + 1)))
    const event = async (kind: 'SEATED' | 'GA', seatTag: string): Promise<BenchEvent> => {
      const spec = kind === 'SEATED'
        ? { name: 'Stalls', kind, rows: SEATED.rows, seatsPerRow: SEATED.seatsPerRow }
        : { name: 'Standing', kind, capacity: GA_CAPACITY }
      const created = await insertPublishedEvent(db, organiser!.id, [spec], {
        placeId: kind === 'SEATED' ? (_, p) => seatId(rowNumber(p.rowLabel!), p.number!, seatTag) : undefined,
      })
      const sectionId = created.sections[0]!.id
      if (!PRICING) return { kind, id: created.id, sectionId, seatTag }
      const concession = await db.ticketType.create({ data: { eventId: created.id, sectionId, name: 'Concession', priceCents: 1500, quota: 400, sortOrder: 1 } })
      await db.promoCode.create({ data: { eventId: created.id, code: 'BENCH20', codeKey: 'bench20', kind: 'PERCENT', value: 20, maxUses: 300 } })
      return { kind, id: created.id, sectionId, seatTag, pricing: { concessionTypeId: concession.id, promoCode: 'bench20' } }
    }
    const events = { SEATED: await event('SEATED', '9'), GA: await event('GA', '9') }
    const warmup = { SEATED: await event('SEATED', 'a'), GA: await event('GA', 'a') }
    await db.$executeRawUnsafe('CREATE SEQUENCE bench_buyer_seq')
    await db.$executeRawUnsafe('VACUUM ANALYZE')
    return { template, buyers, events, warmup }
  } finally {
    await db.$disconnect()
  }
}

/** A fresh copy of the template; `drop` removes it. */
export async function cloneTemplate(template: TestDatabase, label: string): Promise<TestDatabase> {
  const name = `${template.name.slice(0, 40)}_${label}_${randomBytes(2).toString('hex')}`
  await admin(c => c.query(`CREATE DATABASE "${name}" TEMPLATE "${template.name}"`))
  const url = new URL(template.url)
  url.pathname = `/${name}`
  return track({
    url: url.toString(),
    name,
    drop: () => admin(async (c) => { await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) }),
  })
}

/** How many more connections PostgreSQL would accept now, keeping a margin for everyone else. */
export async function freeConnections(margin = 12): Promise<number> {
  return admin(async (c) => {
    const { rows } = await c.query<{ max: string, reserved: string, used: string }>(
      `SELECT current_setting('max_connections') AS max, current_setting('superuser_reserved_connections') AS reserved,
              (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend') AS used`)
    const r = rows[0]!
    return Number(r.max) - Number(r.reserved) - Number(r.used) - margin
  })
}

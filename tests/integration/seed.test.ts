// The demo seed against a real, freshly migrated database. It gets a database of its own rather
// than the run's shared one: other test files add users there, and seeding refuses once users exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '../../prisma/seed.ts'
import { createDb, type Db } from '../../server/db/client.ts'
import { createTestDatabase, type TestDatabase } from '../support/database.ts'

describe('seedDemoData', () => {
  let database: TestDatabase
  let db: Db

  beforeAll(async () => {
    database = await createTestDatabase('bookify_seed_test')
    db = createDb(database.url, { max: 4 })
  })
  afterAll(async () => {
    await db?.$disconnect()
    await database?.drop()
  })

  it('seeds three accounts and a catalogue of published future events, quickly', async () => {
    const started = Date.now()
    const result = await seedDemoData(db)
    // About 2 s on an idle machine; the loose bound only catches a regression such as row-by-row inserts.
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(result).toMatchObject({ seeded: true })

    const users = await db.user.findMany({ orderBy: { email: 'asc' } })
    expect(users.map(u => u.email)).toEqual(['ada@bookify.test', 'linus@bookify.test', 'organiser@bookify.test'])

    const events = await db.event.findMany({ include: { sections: true } })
    expect(events.length).toBeGreaterThanOrEqual(12)
    const now = Date.now()
    for (const event of events) {
      expect(event.status).toBe('PUBLISHED')
      expect(event.startsAt.getTime()).toBeGreaterThan(now)
      expect(event.endsAt.getTime()).toBeGreaterThan(event.startsAt.getTime())
    }
    expect(new Set(events.map(e => e.city)).size).toBeGreaterThanOrEqual(4)
    expect(new Set(events.flatMap(e => e.sections.map(s => s.kind)))).toEqual(new Set(['SEATED', 'GA']))
  })

  it('creates exactly one place per unit of capacity, with unique labels per section', async () => {
    const sections = await db.section.findMany()
    const counts = await db.place.groupBy({ by: ['sectionId'], _count: { _all: true } })
    const perSection = new Map(counts.map(c => [c.sectionId, c._count._all]))
    const duplicates = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT 1 FROM places GROUP BY section_id, label HAVING count(*) > 1) d`
    for (const section of sections) {
      expect(perSection.get(section.id), section.name).toBe(section.capacity)
      if (section.kind === 'SEATED') expect(section.capacity).toBe(section.rows! * section.seatsPerRow!)
    }
    expect(Number(duplicates[0]?.n)).toBe(0)
  })

  it('refuses to seed a database that already has users', async () => {
    const before = await db.event.count()
    await expect(seedDemoData(db)).resolves.toEqual({ seeded: false, reason: 'already seeded' })
    expect(await db.event.count()).toBe(before)
    expect(await db.user.count()).toBe(3)
  })
})

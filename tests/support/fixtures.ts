// Direct-to-database fixtures for integration tests: users with ready access tokens and
// published events with inventory, without going through (slow, rate-limited) HTTP sign-ups.
import { randomUUID } from 'node:crypto'
import { inject } from 'vitest'
import { createDb, type Db } from '../../server/db/client.ts'
import { signAccessToken } from '../../server/domain/accounts/access-tokens.ts'
import { buildInventory, type SectionSpec } from '../../server/domain/events/build-inventory.ts'

let db: Db | undefined
export function testDb(): Db {
  db ??= createDb(inject('databaseUrl'), { max: 5 })
  return db
}

export interface TestUser {
  id: string
  token: string
}

/** Users are created in one statement; the password hash is a placeholder no login can match. */
export async function createUsers(count: number): Promise<TestUser[]> {
  const users = Array.from({ length: count }, () => ({ id: randomUUID(), email: `u-${randomUUID()}@example.test`, name: 'Load Tester', passwordHash: 'scrypt$disabled' }))
  await testDb().user.createMany({ data: users })
  const secret = inject('authSecret')
  return Promise.all(users.map(async u => ({ id: u.id, token: await signAccessToken({ userId: u.id, role: 'USER', familyId: randomUUID() }, secret) })))
}

export type TestSection = SectionSpec & { priceCents?: number }

export interface TestEvent {
  id: string
  sections: { id: string, name: string, kind: 'SEATED' | 'GA', placeIds: string[] }[]
}

export async function createPublishedEvent(organiserId: string, sections: TestSection[], options: { holdMinutes?: number, startsInDays?: number } = {}): Promise<TestEvent> {
  const startsAt = new Date(Date.now() + (options.startsInDays ?? 30) * 86_400_000)
  const event = await testDb().event.create({
    data: {
      organiserId, title: `Test event ${randomUUID().slice(0, 8)}`, category: 'Music', status: 'PUBLISHED', publishedAt: new Date(),
      venueName: 'Test Hall', venueAddress: '1 Test Street', city: 'Testville', timezone: 'Europe/Berlin',
      startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), holdMinutes: options.holdMinutes ?? 10,
    },
  })
  const result: TestEvent = { id: event.id, sections: [] }
  for (const [index, spec] of sections.entries()) {
    const places = buildInventory(spec)
    const section = await testDb().section.create({
      data: {
        eventId: event.id, name: spec.name, kind: spec.kind, priceCents: spec.priceCents ?? 2500, currency: 'EUR', sortOrder: index,
        capacity: places.length, rows: spec.kind === 'SEATED' ? spec.rows : null, seatsPerRow: spec.kind === 'SEATED' ? spec.seatsPerRow : null,
      },
    })
    const rows = places.map(p => ({ id: randomUUID(), eventId: event.id, sectionId: section.id, ...p }))
    await testDb().place.createMany({ data: rows })
    result.sections.push({ id: section.id, name: spec.name, kind: spec.kind, placeIds: rows.map(r => r.id) })
  }
  return result
}

// The data behind the fixtures, free of vitest so benchmarks can seed with it too: users with
// ready access tokens and published events with inventory, straight into the database.
import { randomUUID } from 'node:crypto'
import type { Db } from '../../server/db/client.ts'
import { signAccessToken } from '../../server/domain/accounts/access-tokens.ts'
import { buildInventory, type PlannedPlace, type SectionSpec } from '../../server/domain/events/build-inventory.ts'

export interface TestUser {
  id: string
  token: string
}

/** Users are created in one statement; the password hash is a placeholder no login can match. */
export async function insertUsers(db: Db, authSecret: string, ids: string[]): Promise<TestUser[]> {
  const users = ids.map(id => ({ id, email: `u-${randomUUID()}@example.test`, name: 'Load Tester', passwordHash: 'scrypt$disabled' }))
  await db.user.createMany({ data: users })
  return Promise.all(users.map(async u => ({ id: u.id, token: await signAccessToken({ userId: u.id, role: 'USER', familyId: randomUUID() }, authSecret) })))
}

export type TestSection = SectionSpec & { priceCents?: number }

export interface TestEvent {
  id: string
  sections: { id: string, name: string, kind: 'SEATED' | 'GA', placeIds: string[] }[]
}

interface EventOptions {
  holdMinutes?: number
  startsInDays?: number
  /** Chooses each place's id (default: random), e.g. so a pgbench script can name seats. */
  placeId?: (sectionIndex: number, place: PlannedPlace) => string
}

export async function insertPublishedEvent(db: Db, organiserId: string, sections: TestSection[], options: EventOptions = {}): Promise<TestEvent> {
  const startsAt = new Date(Date.now() + (options.startsInDays ?? 30) * 86_400_000)
  const event = await db.event.create({
    data: {
      organiserId, title: `Test event ${randomUUID().slice(0, 8)}`, category: 'Music', status: 'PUBLISHED', publishedAt: new Date(),
      venueName: 'Test Hall', venueAddress: '1 Test Street', city: 'Testville', timezone: 'Europe/Berlin',
      startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3_600_000), holdMinutes: options.holdMinutes ?? 10,
    },
  })
  const result: TestEvent = { id: event.id, sections: [] }
  for (const [index, spec] of sections.entries()) {
    const places = buildInventory(spec)
    const section = await db.section.create({
      data: {
        eventId: event.id, name: spec.name, kind: spec.kind, priceCents: spec.priceCents ?? 2500, currency: 'EUR', sortOrder: index,
        capacity: places.length, rows: spec.kind === 'SEATED' ? spec.rows : null, seatsPerRow: spec.kind === 'SEATED' ? spec.seatsPerRow : null,
      },
    })
    const rows = places.map(p => ({ id: options.placeId?.(index, p) ?? randomUUID(), eventId: event.id, sectionId: section.id, ...p }))
    await db.place.createMany({ data: rows })
    await db.ticketType.create({ data: { eventId: event.id, sectionId: section.id, name: 'Standard', priceCents: section.priceCents } })
    result.sections.push({ id: section.id, name: spec.name, kind: spec.kind, placeIds: rows.map(r => r.id) })
  }
  return result
}

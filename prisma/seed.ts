// Demo data for a fresh database: three accounts and a catalogue of published events with their
// places. `npm run db:seed` and `npm start` run it; it does nothing once any user exists, so it
// can never mix demo rows into a database someone is already using.
import { pathToFileURL } from 'node:url'
import { config } from '../server/config/env.ts'
import { createDb, type Db } from '../server/db/client.ts'
import { hashPassword } from '../server/domain/accounts/passwords.ts'
import { buildInventory, sectionCapacity } from '../server/domain/events/build-inventory.ts'
import { createPlaces } from '../server/domain/events/create-places.ts'
import { createTicketTypes } from '../server/domain/events/ticket-types.ts'
import { DEMO_ACCOUNTS, DEMO_ORGANISER } from './seed/accounts.ts'
import { DEMO_EVENTS, type DemoEvent } from './seed/events.ts'
import { localTimeInDays } from './seed/zoned-time.ts'

export type SeedResult =
  | { seeded: true, users: number, events: number, places: number }
  | { seeded: false, reason: 'already seeded' }

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

async function createEvent(tx: Tx, organiserId: string, spec: DemoEvent, now: Date): Promise<number> {
  const startsAt = localTimeInDays(now, spec.inDays, spec.startsAt, spec.timezone)
  const { sections: sectionSpecs, inDays: _inDays, startsAt: _local, durationMinutes, ...fields } = spec
  const event = await tx.event.create({
    data: {
      ...fields,
      organiserId,
      status: 'PUBLISHED',
      publishedAt: now,
      startsAt,
      endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
      holdMinutes: 10,
      sections: {
        create: sectionSpecs.map((s, sortOrder) => ({
          name: s.name,
          kind: s.kind,
          priceCents: s.priceCents,
          currency: s.currency,
          capacity: sectionCapacity(s),
          rows: s.kind === 'SEATED' ? s.rows : null,
          seatsPerRow: s.kind === 'SEATED' ? s.seatsPerRow : null,
          sortOrder,
        })),
      },
    },
    include: { sections: true },
  })
  let count = 0
  for (const section of event.sections) {
    const places = buildInventory(sectionSpecs.find(s => s.name === section.name)!)
    await createPlaces(tx, event.id, section.id, places)
    await createTicketTypes(tx, event.id, section.id, section)
    count += places.length
  }
  return count
}

/** Seeds the demo accounts and events unless the database already has users. */
export async function seedDemoData(db: Db, now = new Date()): Promise<SeedResult> {
  // Hashing is deliberately slow; do it before taking the lock and opening the transaction.
  const hashes = await Promise.all(DEMO_ACCOUNTS.map(a => hashPassword(a.password)))
  return db.$transaction(async (tx) => {
    // Two `npm start`s on one database must not both seed: the second waits here, then sees users.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('bookify.seed'))`
    if (await tx.user.count() > 0) return { seeded: false, reason: 'already seeded' } as const
    await tx.user.createMany({
      data: DEMO_ACCOUNTS.map((a, i) => ({ email: a.email, name: a.name, passwordHash: hashes[i]! })),
    })
    const organiser = await tx.user.findUniqueOrThrow({ where: { email: DEMO_ORGANISER.email } })
    let places = 0
    for (const spec of DEMO_EVENTS) places += await createEvent(tx, organiser.id, spec, now)
    return { seeded: true, users: DEMO_ACCOUNTS.length, events: DEMO_EVENTS.length, places } as const
  }, { maxWait: 10_000, timeout: 30_000 })
}

async function main(): Promise<void> {
  const db = createDb(config().databaseUrl, { max: 2 })
  try {
    const result = await seedDemoData(db)
    console.log(result.seeded
      ? `Seeded ${result.users} users, ${result.events} events and ${result.places} places.`
      : 'Database already seeded (it has users); nothing to do.')
  } catch (error) {
    console.error(`db:seed failed: ${(error as Error).message.trim().split('\n').at(-1)}`)
    process.exitCode = 1
  } finally {
    await db.$disconnect()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()

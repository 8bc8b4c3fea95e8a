// The migration tooling against real PostgreSQL: what it records, that it is idempotent and safe to
// run concurrently, that the hand-written constraints hold, and that schema and migrations agree.
import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyMigrations, createMigrationSql, MIGRATIONS_DIR } from '../../scripts/db/engine.ts'
import { ROUTINES, routineMigrationSql, routineSql, routineStates } from '../../scripts/db/routines.ts'

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'
const created: string[] = []

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function scratchDatabase(): Promise<string> {
  const name = `mig_scratch_${Date.now()}_${randomBytes(3).toString('hex')}`
  await admin(`CREATE DATABASE "${name}"`)
  created.push(name)
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  return url.toString()
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

const migrationNames = readdirSync(MIGRATIONS_DIR).filter(name => statSync(join(MIGRATIONS_DIR, name)).isDirectory()).sort()
const sha256 = (name: string) => createHash('sha256').update(readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql'))).digest('hex')

interface Recorded { migration_name: string, checksum: string, finished_at: Date | null, rolled_back_at: Date | null }
const recorded = (url: string) => withClient(url, async c =>
  (await c.query<Recorded>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name')).rows)

/** Resolves to the PostgreSQL error `promise` fails with. */
async function pgError(promise: Promise<unknown>): Promise<{ code?: string, constraint?: string }> {
  try {
    await promise
  } catch (error) {
    return error as { code?: string, constraint?: string }
  }
  throw new Error('expected the statement to be rejected')
}

afterAll(async () => {
  for (const name of created) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
})

describe('applyMigrations', () => {
  let url: string
  beforeAll(async () => {
    url = await scratchDatabase()
  })

  it('applies every migration folder and records it as prisma migrate deploy does', async () => {
    expect(migrationNames.length).toBeGreaterThan(0)
    const { applied } = await applyMigrations(url)
    expect(applied).toEqual(migrationNames)
    const rows = await recorded(url)
    expect(rows.map(r => r.migration_name)).toEqual(migrationNames)
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(row.migration_name))
      expect(row.finished_at).toBeInstanceOf(Date)
      expect(row.rolled_back_at).toBeNull()
    }
  })

  it('applies nothing the second time', async () => {
    expect(await applyMigrations(url)).toEqual({ applied: [] })
    expect(await recorded(url)).toHaveLength(migrationNames.length)
  })

  it('leaves nothing for a new migration: schema.prisma and the migrations agree', async () => {
    expect(await createMigrationSql(url)).toBe('')
  })

  it('installs each SQL function exactly as its file beside the domain says, and notices when one differs', async () => {
    await withClient(url, async (client) => {
      const states = await routineStates(client)
      expect(states.map(s => s.routine.name)).toEqual(ROUTINES.map(r => r.name))
      for (const state of states) expect(state.installed, `${state.routine.name} differs from ${state.routine.file}`).toBe(state.wanted)
      expect(routineMigrationSql(states)).toBe('')

      // A hand edit of the function in the database is drift: the check sees it and would write it back.
      const { rows: [fn] } = await client.query<{ src: string }>(`SELECT prosrc AS src FROM pg_proc WHERE proname = 'bookify_claim_hold'`)
      const edited = fn!.src.replace(`v_outcome text := 'OK'`, `v_outcome text := 'SOLD_OUT'`)
      expect(edited).not.toBe(fn!.src)
      const signature = await client.query<{ args: string, result: string }>(`SELECT pg_get_function_arguments(oid) AS args, pg_get_function_result(oid) AS result FROM pg_proc WHERE proname = 'bookify_claim_hold'`)
      const { args, result } = signature.rows[0]!
      await client.query(`CREATE OR REPLACE FUNCTION bookify_claim_hold(${args}) RETURNS ${result} LANGUAGE plpgsql AS $fn$${edited}$fn$`)
      try {
        const drifted = (await routineStates(client)).find(s => s.routine.name === 'bookify_claim_hold')
        expect(drifted!.installed).not.toBe(drifted!.wanted)
        expect(routineMigrationSql([drifted!])).toContain('CREATE OR REPLACE FUNCTION bookify_claim_hold(')
      } finally {
        await client.query(routineSql(ROUTINES.find(r => r.name === 'bookify_claim_hold')!))
      }
      const restored = (await routineStates(client)).find(s => s.routine.name === 'bookify_claim_hold')
      expect(restored!.installed).toBe(restored!.wanted)
    })
  })

  it('lets two concurrent callers on a fresh database both succeed, applying each migration once', async () => {
    const fresh = await scratchDatabase()
    const results = await Promise.all([applyMigrations(fresh), applyMigrations(fresh)])
    expect(results.flatMap(r => r.applied).sort()).toEqual(migrationNames)
    expect((await recorded(fresh)).map(r => r.migration_name)).toEqual(migrationNames)
  })

  it('names a missing database clearly', async () => {
    const missing = new URL(ADMIN_URL)
    missing.pathname = `/mig_scratch_missing_${randomBytes(3).toString('hex')}`
    await expect(applyMigrations(missing.toString())).rejects.toThrow(/does not exist/)
  })
})

describe('constraints the migrations add', () => {
  let url: string
  let client: pg.Client
  let userId: string
  let eventId: string

  beforeAll(async () => {
    url = await scratchDatabase()
    await applyMigrations(url)
    client = new pg.Client({ connectionString: url })
    await client.connect()
    userId = (await client.query<{ id: string }>(
      `INSERT INTO users (id, email, password_hash, name, updated_at)
       VALUES (gen_random_uuid(), 'ada@example.com', 'x', 'Ada', now()) RETURNING id`)).rows[0]!.id
    eventId = (await client.query<{ id: string }>(
      `INSERT INTO events (id, organiser_id, title, category, venue_name, venue_address, city, starts_at, ends_at, timezone, updated_at)
       VALUES (gen_random_uuid(), $1, 'Gig', 'music', 'Hall', '1 Road', 'Oslo', now() + interval '1 day', now() + interval '2 days', 'Europe/Oslo', now())
       RETURNING id`, [userId])).rows[0]!.id
  })
  afterAll(async () => {
    await client?.end()
  })

  const insertSection = (capacity: number) => client.query(
    `INSERT INTO sections (id, event_id, name, kind, price_cents, currency, capacity)
     VALUES (gen_random_uuid(), $1, $2, 'GA', 1000, 'EUR', $3)`, [eventId, `S${capacity}-${randomBytes(2).toString('hex')}`, capacity])

  const insertHold = (status: string) => client.query(
    `INSERT INTO holds (id, user_id, event_id, status, expires_at, total_cents, currency)
     VALUES (gen_random_uuid(), $1, $2, $3, now() + interval '10 minutes', 1000, 'EUR')`, [userId, eventId, status])

  it('rejects a section with no capacity', async () => {
    await insertSection(5)
    expect(await pgError(insertSection(0))).toMatchObject({ code: '23514', constraint: 'sections_capacity_range' })
  })

  it('rejects an event that ends before it starts', async () => {
    const error = await pgError(client.query(
      `INSERT INTO events (id, organiser_id, title, category, venue_name, venue_address, city, starts_at, ends_at, timezone, updated_at)
       VALUES (gen_random_uuid(), $1, 'Back to the future', 'music', 'Hall', '1 Road', 'Oslo', now(), now(), 'UTC', now())`, [userId]))
    expect(error).toMatchObject({ code: '23514', constraint: 'events_ends_after_start' })
  })

  it('allows one ACTIVE hold per user and event, and any number of ended ones', async () => {
    await insertHold('ACTIVE')
    expect(await pgError(insertHold('ACTIVE'))).toMatchObject({ code: '23505', constraint: 'holds_one_active_per_user_event' })
    await insertHold('RELEASED')
    await insertHold('RELEASED')
  })
})

describe('the ticket types migration', () => {
  it('puts every existing section, hold line and ticket under a "Standard" type at the price it was sold at', async () => {
    const url = await scratchDatabase()
    const pricing = migrationNames.find(n => n.endsWith('_ticket_types_promo_codes_questions'))!
    await withClient(url, async (c) => {
      for (const name of migrationNames.filter(n => n < pricing)) await c.query(readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8'))
      const { rows: [ids] } = await c.query<{ user_id: string, event_id: string, section_id: string, place_id: string, hold_id: string, booking_id: string }>(`
        WITH u AS (INSERT INTO users (id, email, password_hash, name, updated_at) VALUES (gen_random_uuid(), 'old@example.test', 'x', 'Old', now()) RETURNING id),
             e AS (INSERT INTO events (id, organiser_id, title, category, status, venue_name, venue_address, city, starts_at, ends_at, timezone, updated_at)
                   SELECT gen_random_uuid(), u.id, 'Old show', 'Music', 'PUBLISHED', 'Hall', 'Road', 'Porto', now() + interval '1 day', now() + interval '2 days', 'Europe/Lisbon', now() FROM u RETURNING id),
             s AS (INSERT INTO sections (id, event_id, name, kind, price_cents, currency, capacity) SELECT gen_random_uuid(), e.id, 'Floor', 'GA', 3300, 'EUR', 2 FROM e RETURNING id, event_id),
             p AS (INSERT INTO places (id, event_id, section_id, label, number) SELECT gen_random_uuid(), s.event_id, s.id, 'GA-1', 1 FROM s RETURNING id),
             h AS (INSERT INTO holds (id, user_id, event_id, status, expires_at, total_cents, currency) SELECT gen_random_uuid(), u.id, e.id, 'CONFIRMED', now(), 3300, 'EUR' FROM u, e RETURNING id),
             b AS (INSERT INTO bookings (id, reference, user_id, event_id, hold_id, total_cents, currency, payment_provider, payment_status, updated_at)
                   SELECT gen_random_uuid(), 'BK-OLD', u.id, e.id, h.id, 3300, 'EUR', 'pay_at_venue', 'DUE_AT_VENUE', now() FROM u, e, h RETURNING id)
        SELECT u.id AS user_id, e.id AS event_id, s.id AS section_id, p.id AS place_id, h.id AS hold_id, b.id AS booking_id FROM u, e, s, p, h, b`)
      await c.query(`INSERT INTO hold_places (hold_id, place_id, price_cents) VALUES ($1, $2, 3300)`, [ids!.hold_id, ids!.place_id])
      await c.query(`UPDATE places SET booking_id = $1 WHERE id = $2`, [ids!.booking_id, ids!.place_id])
      await c.query(`INSERT INTO tickets (id, booking_id, place_id, code, price_cents) VALUES (gen_random_uuid(), $1, $2, 'OLDCODE', 3300)`, [ids!.booking_id, ids!.place_id])

      await c.query(readFileSync(join(MIGRATIONS_DIR, pricing, 'migration.sql'), 'utf8'))

      const { rows: types } = await c.query(`SELECT id, name, price_cents, section_id FROM ticket_types`)
      expect(types).toEqual([expect.objectContaining({ name: 'Standard', price_cents: 3300, section_id: ids!.section_id })])
      const { rows: [ticket] } = await c.query(`SELECT ticket_type_id, unit_price_cents, discount_cents, price_cents FROM tickets`)
      expect(ticket).toEqual({ ticket_type_id: types[0].id, unit_price_cents: 3300, discount_cents: 0, price_cents: 3300 })
      const { rows: [line] } = await c.query(`SELECT ticket_type_id, unit_price_cents, price_cents FROM hold_places`)
      expect(line).toEqual({ ticket_type_id: types[0].id, unit_price_cents: 3300, price_cents: 3300 })
      // The old event sells on: a new hold on its remaining unit gets the Standard type at its price.
      const { rows: [fresh] } = await c.query(`INSERT INTO places (id, event_id, section_id, label, number) VALUES (gen_random_uuid(), $1, $2, 'GA-2', 2) RETURNING id`, [ids!.event_id, ids!.section_id])
      const { rows: [claim] } = await c.query(`SELECT outcome FROM bookify_claim_hold(gen_random_uuid(), $1, $2, '{}', ARRAY[$3::uuid], ARRAY[1])`, [ids!.user_id, ids!.event_id, ids!.section_id])
      expect(claim).toEqual({ outcome: 'OK' })
      expect((await c.query(`SELECT ticket_type_id FROM places WHERE id = $1`, [fresh.id])).rows[0]).toEqual({ ticket_type_id: types[0].id })
    })
  })
})

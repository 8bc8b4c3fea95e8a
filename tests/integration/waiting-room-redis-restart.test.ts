// A waiting room survives losing Redis: a private Redis (never the shared one) with no persistence
// is stopped mid-queue and a new, empty one started on the same port. The queue is rebuilt from
// PostgreSQL (queue_entries and the room's admitted_through) the first time anyone needs it, so
// every buyer keeps their position and the admitted keep their turn and its window. The server has a
// database of its own: the lane's server, on another Redis, would otherwise run this room's
// admissions too.
import { randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createDb, type Db } from '../../server/db/client.ts'
import type { TestDatabase } from '../support/database.ts'
import { clonePrivateDatabase, createUsers, type TestUser } from '../support/fixtures.ts'
import { startPrivateRedis, type PrivateRedis } from '../support/private-redis.ts'
import { startServer, type RunningServer } from '../support/server.ts'
import { holdGa, join, roomEvent, statusOf, until } from '../support/queue-world.ts'

let redis: PrivateRedis
let server: RunningServer
let database: TestDatabase
let db: Db

beforeAll(async () => {
  database = await clonePrivateDatabase('bookify_queue_restart')
  db = createDb(database.url, { max: 2 })
  redis = await startPrivateRedis()
  server = await startServer({
    DATABASE_URL: database.url, AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    REDIS_URL: redis.url, BULLMQ_PREFIX: `queue-restart-${randomUUID().slice(0, 8)}`,
  })
}, 90_000)
afterAll(async () => {
  await server?.stop()
  await redis?.stop()
  await db?.$disconnect()
  await database?.drop()
})

describe('Redis restarted mid-queue', () => {
  it('keeps every position and admission', { timeout: 90_000 }, async () => {
    const [organiser, ...buyers] = await createUsers(13, db) as [TestUser, ...TestUser[]]
    const event = await roomEvent(organiser, 3, { startsInMs: 1_000, server: server.url, db })
    for (const buyer of buyers.slice(0, 10)) expect((await join(event.id, buyer, server.url)).status).toBe(200)
    const read = () => Promise.all(buyers.slice(0, 10).map(async b => (await statusOf(event.id, b, server.url)).body))
    const before = await until('draw and admissions', read, s => s.filter(x => x.state === 'ADMITTED').length === 3)

    // A sentinel proves the new Redis starts empty; counting keys would race the web process, whose
    // BullMQ connections reconnect and write their own keys within milliseconds.
    await redis.client.set('restart-sentinel', '1')
    await redis.stop()
    redis = await startPrivateRedis({ port: redis.port })
    expect(await redis.client.exists('restart-sentinel')).toBe(0)

    // The web process reconnects by itself; the first status after that rebuilds the queue.
    const after = await until('statuses after the restart', read, s => s.every(x => x && x.position !== undefined), 20_000)
    expect(after.map(s => [s.state, s.position])).toEqual(before.map(s => [s.state, s.position]))
    expect(after.filter(s => s.state === 'ADMITTED').map(s => s.admittedUntil)).toEqual(before.filter(s => s.state === 'ADMITTED').map(s => s.admittedUntil))
    // Several admitter ticks later: the three admitted still have the three places in view, so
    // nobody else is let in (the rebuilt queue once forgot them and admitted three more).
    await new Promise(r => setTimeout(r, 1_500))
    expect((await read()).map(s => [s.state, s.position])).toEqual(before.map(s => [s.state, s.position]))
    // The line goes on: a new arrival queues at the back, and an admitted buyer can still hold.
    const late = await join(event.id, buyers[10]!, server.url)
    expect(late.body.position).toBe(11)
    const i = after.findIndex(s => s.state === 'ADMITTED')
    expect((await holdGa(event, buyers[i]!, after[i]!.admissionToken, server.url)).status).toBe(201)
  })
})

// Bookify scaled out, proven through a load balancer: HAProxy (round-robin, no sticky sessions,
// health-checked on /api/ready) in front of 3 web instances, 2 copies of every worker, one database —
// by default through PgBouncer in transaction mode (CLUSTER_PGBOUNCER=off: straight to PostgreSQL),
// one Redis, one RabbitMQ vhost. Every claim the app makes about several instances is checked here
// through the balancer, and the figures for the README's "Scaling" section are printed.
import { randomUUID } from 'node:crypto'
import { availableParallelism } from 'node:os'
import type { Channel, ConsumeMessage } from 'amqplib'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createDb, sqlPool } from '../../server/db/client.ts'
import { signAccessToken } from '../../server/domain/accounts/access-tokens.ts'
import { createHoldExpiryQueue, scheduleHoldExpiryJob } from '../../server/messaging/hold-expiry-queue.ts'
import { EVENTS_EXCHANGE } from '../../server/messaging/names.ts'
import { startCluster, type Cluster } from '../support/cluster.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { testDatabaseUrl } from '../support/lane.ts'
import { LiveClient } from '../support/live-client.ts'
import { eventually, openTestChannel } from '../support/workers.ts'

const VIA_PGBOUNCER = process.env.CLUSTER_PGBOUNCER !== 'off'
/** Hold attempts per user per minute on every instance: the shared budget the rate-limit test spends. */
const HOLDS_PER_USER = 30

let cluster: Cluster
let organiser: TestUser

interface Answer { status: number, body: any, error?: string }

/** One request; a refused or reset connection is an answer too (status 0), never a throw. */
async function call(base: string, method: string, path: string, options: { token?: string, body?: unknown, headers?: Record<string, string> } = {}): Promise<Answer> {
  try {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    })
    const text = await res.text()
    let body: unknown = text
    try {
      body = text ? JSON.parse(text) : null
    } catch { /* not JSON */ }
    return { status: res.status, body }
  } catch (error) {
    return { status: 0, body: null, error: (error as Error).message }
  }
}

const lb = (method: string, path: string, options?: Parameters<typeof call>[3]) => call(cluster.balancer.url, method, path, options)
const tally = (answers: Answer[]) => answers.reduce<Record<number, number>>((t, a) => ({ ...t, [a.status]: (t[a.status] ?? 0) + 1 }), {})

/** Runs `jobs` with at most `width` in flight. */
async function inParallel<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = []
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) {
      const i = next++
      results[i] = await jobs[i]!()
    }
  }))
  return results
}

/** Hold decisions per second through the balancer: `buyers` distinct users, each one hold of one GA place. */
async function decisionsPerSecond(buyers: number, width: number): Promise<number> {
  const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: buyers }])
  const users = await createUsers(buyers)
  const started = performance.now()
  const answers = await inParallel(users.map(u => () => lb('POST', '/api/holds', { token: u.token, body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } })), width)
  const seconds = (performance.now() - started) / 1000
  expect(tally(answers), `e.g. ${JSON.stringify(answers.find(a => a.status !== 201))}`).toEqual({ 201: buyers })
  return buyers / seconds
}

const figures: string[] = []
const report = (line: string) => {
  figures.push(line)
  console.log(`[cluster] ${line}`)
}

beforeAll(async () => {
  const started = Date.now()
  cluster = await startCluster({
    pgbouncer: VIA_PGBOUNCER,
    webEnv: {
      RATE_LIMITS: 'on',
      RATE_LIMIT_HOLDS_PER_USER: String(HOLDS_PER_USER),
      // Every request reaches the app from the balancer's address: the per-address budget is not under test.
      RATE_LIMIT_HOLDS_PER_IP: '1000000',
    },
    // Both cleanup copies sweep every second, so their schedules overlap on every tick.
    workerEnv: { CLEANUP_SWEEP_CRON: '* * * * * *' },
  })
  ;[organiser] = await createUsers(1) as [TestUser]
  report(`cluster up in ${((Date.now() - started) / 1000).toFixed(1)} s: HAProxy, ${cluster.web.length} web, ${Object.values(cluster.workers).flat().length} workers, database ${VIA_PGBOUNCER ? 'through PgBouncer 1.18 (transaction mode)' : 'direct'}`)
}, 150_000)

afterAll(async () => {
  await cluster?.stop()
  if (figures.length) console.log(`\n[cluster] figures:\n${figures.map(f => `  ${f}`).join('\n')}\n`)
}, 60_000)

describe('a cluster behind HAProxy', () => {
  it('sells exactly 25 places to 300 simultaneous buyers, the requests spread over every instance', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 25 }])
    const buyers = await createUsers(300)
    const before = await cluster.balancer.stats()
    const answers = await Promise.all(buyers.map(b => lb('POST', '/api/holds', { token: b.token, body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } })))
    expect(tally(answers)).toEqual({ 201: 25, 409: 275 })
    const holds = await testDb().hold.findMany({ where: { eventId: event.id, status: 'ACTIVE' }, include: { items: true } })
    expect(holds).toHaveLength(25)
    expect(new Set(holds.flatMap(h => h.items.map(i => i.placeId))).size).toBe(25)
    // Round-robin: each instance answered about a third.
    const after = await cluster.balancer.stats()
    for (const server of after) {
      const served = server.total - before.find(s => s.name === server.name)!.total
      expect(served, `${server.name} served ${served} of 300`).toBeGreaterThan(80)
    }
  })

  it('pushes live availability to viewers on every instance within a second', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 6 }])
    const seat = event.sections[0]!.placeIds[0]!
    const [buyer] = await createUsers(1) as [TestUser]
    const viewers = await Promise.all([...cluster.web.map(w => LiveClient.open(w.url, event.id)), LiveClient.open(cluster.balancer.url, event.id)])
    try {
      for (const v of viewers) await v.waitFor(m => m.available === 6, 2_000)
      const sentAt = Date.now()
      expect((await lb('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, seatIds: [seat] } })).status).toBe(201)
      const seen = await Promise.all(viewers.map(async v => v.receivedAt(await v.waitFor(m => m.changes.some(c => c.placeId === seat && c.status === 'HELD'), 1_000))))
      const slowest = Math.max(...seen.map(at => at - sentAt))
      expect(slowest).toBeLessThan(1_000)
      report(`live availability: a hold reached viewers on all ${cluster.web.length} instances (and one through HAProxy) within ${slowest} ms of the request`)
    } finally {
      viewers.forEach(v => v.close())
    }
  })

  it('grants a place freed on one instance at once on another, whose refusal memo had it as taken', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 4 }])
    const seat = event.sections[0]!.placeIds[0]!
    const [holder, wanter] = await createUsers(2) as [TestUser, TestUser]
    const [w1, w2, w3] = cluster.web as [Cluster['web'][0], Cluster['web'][0], Cluster['web'][0]]
    const claim = (base: string, user: TestUser) => call(base, 'POST', '/api/holds', { token: user.token, body: { eventId: event.id, seatIds: [seat] } })
    const held = await claim(w1.url, holder)
    expect(held.status).toBe(201)
    // The other instances refuse, and remember the seat as taken (their refusal memo).
    for (const w of [w2, w3]) for (let i = 0; i < 2; i++) expect((await claim(w.url, wanter)).body.code).toBe('SEATS_UNAVAILABLE')
    expect((await call(w1.url, 'DELETE', `/api/holds/${held.body.id}`, { token: holder.token })).status).toBe(204)
    // At once: no wait for the memo's lifetime.
    expect((await claim(w2.url, wanter)).status).toBe(201)
  })

  it('shares rate limits: one user\'s hold budget is spent across all instances, not per instance', async () => {
    // Fixed one-minute windows: start early in one so the whole burst falls inside it.
    const intoMinute = Date.now() % 60_000
    if (intoMinute > 45_000) await new Promise(r => setTimeout(r, 60_000 - intoMinute + 200))
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 100 }])
    const [user] = await createUsers(1) as [TestUser]
    const attempts = HOLDS_PER_USER + 15
    const answers: Answer[] = []
    for (let i = 0; i < attempts; i++) answers.push(await lb('POST', '/api/holds', { token: user.token, body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } }))
    // Per instance, 45 requests round-robin over 3 would be 15 each, all under the limit of 30.
    expect(tally(answers)).toEqual({ 201: HOLDS_PER_USER, 429: 15 })
    expect(answers.slice(HOLDS_PER_USER).every(a => a.status === 429)).toBe(true)
  })

  it('runs each hold\'s expiry once, though two cleanup workers sweep every second and each job could go to either', { timeout: 30_000 }, async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 10 }])
    const users = await createUsers(10)
    const expiresAt = new Date(Date.now() + 1_500)
    const holdIds: string[] = []
    for (const [i, user] of users.entries()) {
      const id = randomUUID()
      holdIds.push(id)
      await testDb().$executeRaw`INSERT INTO holds (id, user_id, event_id, status, expires_at, total_cents, currency)
        VALUES (${id}::uuid, ${user.id}::uuid, ${event.id}::uuid, 'ACTIVE', ${expiresAt}, 0, 'EUR')`
      await testDb().$executeRaw`UPDATE places SET hold_id = ${id}::uuid, held_until = ${expiresAt} WHERE id = ANY(${event.sections[0]!.placeIds.slice(2 * i, 2 * i + 2)}::uuid[])`
    }
    // Half the holds have their BullMQ job, scheduled twice (as two web instances might): one job each.
    const queue = createHoldExpiryQueue({ host: '127.0.0.1', port: cluster.redis.port }, cluster.bullPrefix)
    for (const id of holdIds.slice(0, 5)) for (let k = 0; k < 2; k++) await scheduleHoldExpiryJob(queue, id, expiresAt)
    await queue.close()
    await eventually(async () => (await testDb().hold.count({ where: { id: { in: holdIds }, status: 'EXPIRED' } })) === 10, 10_000, 'every hold to expire')
    // Three more sweeps by each copy, then count: one hold.expired per hold, one release per hold.
    await new Promise(r => setTimeout(r, 3_000))
    const cleanups = cluster.workers.cleanup
    expect(cleanups.every(w => w.logs().some(l => l.msg === 'cleanup running'))).toBe(true)
    for (const id of holdIds) {
      expect(await testDb().outboxMessage.count({ where: { routingKey: 'hold.expired', aggregateId: id } }), `hold.expired rows of ${id}`).toBe(1)
    }
    const logs = cleanups.flatMap(w => w.logs())
    const byJob = logs.filter(l => l.msg === 'hold expired (job)' && holdIds.includes(String(l.holdId))).length
    const bySweep = logs.filter(l => l.msg === 'expired holds released (sweep)').reduce((n, l) => n + Number(l.holds), 0)
    // Other tests' holds do not expire within this test (10-minute holds), so every sweep release is one of these.
    expect(byJob + bySweep).toBe(10)
    report(`hold expiry: 10 holds released exactly once each (${byJob} by their BullMQ job, ${bySweep} by the sweeps of 2 cleanup workers running every second)`)
  })

  it('keeps per-aggregate order across two relays and never publishes a row twice', { timeout: 40_000 }, async () => {
    const { channel, close } = await openTestChannel(cluster.vhost.url)
    try {
      const { queue } = await channel.assertQueue('', { exclusive: true })
      await channel.bindQueue(queue, EVENTS_EXCHANGE, 'cluster.#')
      const received: { id: string, aggregate: string, seq: number }[] = []
      await (channel as Channel).consume(queue, (msg: ConsumeMessage | null) => {
        if (!msg) return
        const envelope = JSON.parse(msg.content.toString())
        received.push({ id: envelope.id, aggregate: envelope.data.aggregate, seq: envelope.data.seq })
      }, { noAck: true })
      const publishedBefore = await Promise.all(cluster.relayMetricsPorts.map(relayPublished))
      // 300 aggregates × 5 messages, written oldest first as the app writes them, each wave in its own
      // commit. A relay claims up to 100 aggregate heads a round, so 300 keep both relays busy.
      const aggregates = Array.from({ length: 300 }, () => randomUUID())
      const rows = aggregates.flatMap(a => Array.from({ length: 5 }, (_, seq) => ({ a, seq })))
      for (let seq = 0; seq < 5; seq++) {
        await testDb().outboxMessage.createMany({
          data: rows.filter(r => r.seq === seq).map(r => ({ aggregateType: 'cluster-probe', aggregateId: r.a, routingKey: 'cluster.probe', payload: { aggregate: r.a, seq: r.seq } })),
        })
      }
      await eventually(async () => received.length >= rows.length, 20_000, `the relays to publish ${rows.length} rows (${received.length} so far)`)
      await new Promise(r => setTimeout(r, 500)) // a duplicate would arrive now
      expect(received).toHaveLength(rows.length)
      expect(new Set(received.map(m => m.id)).size).toBe(rows.length)
      for (const a of aggregates) expect(received.filter(m => m.aggregate === a).map(m => m.seq)).toEqual([0, 1, 2, 3, 4])
      const publishedBy = (await Promise.all(cluster.relayMetricsPorts.map(relayPublished))).map((n, i) => n - publishedBefore[i]!)
      // Both relays took part: otherwise this would prove nothing about two of them.
      expect(publishedBy.every(n => n > 0), `published per relay: ${publishedBy.join(', ')}`).toBe(true)
      report(`relays: ${rows.length} outbox rows of ${aggregates.length} aggregates published once each, in order per aggregate; relay copies published ${publishedBy.join(' + ')}`)
    } finally {
      await close()
    }
  })

  it('refuses a disabled account on every instance', async () => {
    const [adminUser, victim] = await createUsers(2) as [TestUser, TestUser]
    await testDb().user.update({ where: { id: adminUser.id }, data: { role: 'ADMIN' } })
    const admin = await signAccessToken({ userId: adminUser.id, role: 'ADMIN', familyId: randomUUID() }, inject('authSecret'))
    for (const w of cluster.web) expect((await call(w.url, 'GET', '/api/me', { token: victim.token })).status).toBe(200)
    expect((await lb('POST', `/api/admin/users/${victim.id}/disable`, { token: admin })).status).toBe(200)
    for (const w of cluster.web) await eventually(async () => (await call(w.url, 'GET', '/api/me', { token: victim.token })).status === 401, 2_000, `${w.name} to refuse the disabled account`)
    const throughBalancer = await Promise.all(Array.from({ length: 9 }, () => lb('GET', '/api/me', { token: victim.token })))
    expect(tally(throughBalancer)).toEqual({ 401: 9 })
  })

  it('decides holds at a measured rate with 1 and with 3 instances in rotation', { timeout: 90_000 }, async () => {
    const [, w2, w3] = cluster.web
    const rotation = async (count: 1 | 3) => {
      for (const w of [w2!, w3!]) await cluster.balancer.setServer(w.name, count === 1 ? 'maint' : 'ready')
    }
    // Interleaved rounds, best of two for each: other work on the machine comes and goes, and a round
    // it happens to hit says nothing about the instance count.
    const rates: Record<1 | 3, number[]> = { 1: [], 3: [] }
    try {
      await decisionsPerSecond(100, 20) // warm-up
      for (const count of [1, 3, 1, 3] as const) {
        await rotation(count)
        rates[count].push(await decisionsPerSecond(400, 40))
      }
    } finally {
      await rotation(3)
    }
    const [one, three] = [Math.max(...rates[1]), Math.max(...rates[3])]
    const list = (r: number[]) => r.map(n => n.toFixed(0)).join(', ')
    report(`hold decisions/s through HAProxy, 400 buyers 40 at a time${VIA_PGBOUNCER ? ', via PgBouncer' : ''}, best of 2 interleaved rounds: 1 instance ${one.toFixed(0)}/s (${list(rates[1])}), 3 instances ${three.toFixed(0)}/s (${list(rates[3])}), ×${(three / one).toFixed(2)} on ${availableParallelism()} cores`)
  })

  it.runIf(VIA_PGBOUNCER)('needs unnamed statements through PgBouncer 1.18: named ones fail, DATABASE_PREPARED_STATEMENTS=off drops the names', async () => {
    const pooled = cluster.pooler!.pooledUrl(testDatabaseUrl()).replace(/[?&]pgbouncer=true/, '')
    const run = async (preparedStatements: boolean) => {
      const db = createDb(pooled, { max: 10, preparedStatements })
      try {
        // Each pooled client prepares the statement once, then reuses it by name on whatever server
        // connection PgBouncer gives its next transaction.
        const rounds = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => sqlPool(db).query({ name: 'bookify_cluster_probe', text: 'SELECT $1::int AS n', values: [i] })))
        return rounds.filter(r => r.status === 'rejected').map(r => String((r as PromiseRejectedResult).reason?.message))
      } finally {
        await db.$disconnect()
      }
    }
    const named = await run(true)
    expect(named.length, 'named statements through a transaction pooler').toBeGreaterThan(0)
    expect(named.every(m => /prepared statement "bookify_cluster_probe" (does not exist|already exists)/.test(m)), named[0]).toBe(true)
    expect(await run(false)).toEqual([])
    report(`PgBouncer 1.18, transaction mode: 200 queries with a named statement, ${named.length} failed ("${named[0]}"); with the names dropped, none`)
  })

  it('loses no booking when a web instance is killed mid-load, and HAProxy takes it out', { timeout: 60_000 }, async () => {
    const buyers = await createUsers(90)
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 200 }])
    const victim = cluster.web[1]!
    let done = 0
    let reconciled = 0
    const pause = () => new Promise(r => setTimeout(r, 100))
    const myBooking = async (user: TestUser): Promise<string | undefined> => {
      const mine = await lb('GET', '/api/bookings', { token: user.token })
      return mine.status === 200 ? mine.body.items.find((b: { event: { id: string } }) => b.event.id === event.id)?.id : undefined
    }
    /**
     * A buyer as a careful client: a failed request (no answer, or a 5xx from the balancer) is sent
     * again, the booking with the same Idempotency-Key. A key whose first request died with its
     * instance stays "in progress" (the answer is never stored): the client then looks the booking up,
     * and if the first request never got as far as booking, books with a new key.
     */
    const buy = async (user: TestUser): Promise<{ booking: string, retries: number }> => {
      let retries = 0
      let hold: Answer
      for (;;) {
        hold = await lb('POST', '/api/holds', { token: user.token, body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } })
        if (hold.status === 201) break
        if (hold.status !== 0 && hold.status < 500) throw new Error(`hold refused: ${hold.status} ${JSON.stringify(hold.body)}`)
        retries++
        await pause()
      }
      let key = randomUUID()
      let inProgress = 0
      for (;;) {
        const answer = await lb('POST', '/api/bookings', { token: user.token, body: { holdId: hold.body.id }, headers: { 'idempotency-key': key } })
        if (answer.status === 201) {
          done++
          return { booking: answer.body.id, retries }
        }
        retries++
        if (answer.body?.details?.reason === 'IDEMPOTENCY_IN_PROGRESS') {
          const found = await myBooking(user)
          if (found) {
            reconciled++
            done++
            return { booking: found, retries }
          }
          if (++inProgress >= 5) key = randomUUID() // the first request died before it booked
        } else if (answer.status !== 0 && answer.status < 500) {
          throw new Error(`booking refused: ${answer.status} ${JSON.stringify(answer.body)}`)
        }
        await pause()
      }
    }
    const load = inParallel(buyers.map(u => () => buy(u)), 15)
    await eventually(async () => done >= 20, 20_000, 'the load to get going')
    const killedAt = Date.now()
    victim.process.kill('SIGKILL')
    // Watched while the load goes on: how soon HAProxy's health checks take the instance out.
    const markedDown = eventually(async () => (await cluster.balancer.stats()).find(s => s.name === victim.name && s.status.startsWith('DOWN')), 5_000, 'HAProxy to mark the killed instance DOWN')
      .then(stat => ({ status: stat.status, after: Date.now() - killedAt }))
    const results = await load
    const retries = results.reduce((n, r) => n + r.retries, 0)
    // Every buyer holds exactly the one confirmed booking they were told about.
    const bookings = await testDb().booking.findMany({ where: { eventId: event.id } })
    expect(bookings).toHaveLength(90)
    expect(bookings.every(b => b.status === 'CONFIRMED')).toBe(true)
    expect(new Set(bookings.map(b => b.userId)).size).toBe(90)
    expect(bookings.map(b => b.id).sort()).toEqual(results.map(r => r.booking).sort())
    // HAProxy's checks took it out; everything after goes to the two left.
    const down = await markedDown
    const after = await Promise.all(Array.from({ length: 30 }, () => lb('GET', '/api/ready')))
    expect(tally(after)).toEqual({ 200: 30 })
    report(`kill -9 of ${victim.name} under load: 90 of 90 bookings confirmed, ${retries} client retries (${reconciled} booking(s) found by lookup after their key was left in progress), HAProxy had it ${down.status} ${down.after} ms after the kill, 30 of 30 later requests answered 200`)
  })
})

/** bookify_outbox_published_total of one relay, from its /metrics. */
async function relayPublished(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()
  return [...text.matchAll(/^bookify_outbox_published_total(?:\{[^}]*\})? (\d+(?:\.\d+)?)/gm)].reduce((n, m) => n + Number(m[1]), 0)
}

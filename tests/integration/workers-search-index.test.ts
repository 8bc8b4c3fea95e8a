// The search-index worker end to end: an event.* message written to the outbox makes the event
// searchable on the running web server within 2 s (relay → search-index:refresh:quorum → snapshot → Redis
// announcement → web reload), and a burst of messages makes a handful of builds, not one each.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeOutbox } from '../../server/messaging/outbox.ts'
import { ROUTING_KEYS } from '../../server/messaging/names.ts'
import type { SearchPageDto } from '../../shared/types/search.ts'
import { api } from '../support/http.ts'
import { createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { createTestVhost, type TestVhost } from '../support/rabbitmq.ts'
import { eventually, startWorker, type RunningWorker } from '../support/workers.ts'

let vhost: TestVhost
let organiser: TestUser
const workers: RunningWorker[] = []
const tag = `wombat${Array.from(randomBytes(6), b => String.fromCharCode(97 + (b % 26))).join('')}`

beforeAll(async () => {
  vhost = await createTestVhost()
  ;[organiser] = await createUsers(1) as [TestUser]
  const env = { AMQP_URL: vhost.url }
  workers.push(...await Promise.all([startWorker('relay', env), startWorker('search-index', env)]))
})

afterAll(async () => {
  await Promise.all(workers.map(w => w.stop()))
  await vhost?.drop()
})

async function found(): Promise<boolean> {
  const res = await api<SearchPageDto>('GET', `/api/search?${new URLSearchParams({ q: tag })}`)
  return res.status === 200 && res.body.items.length > 0
}

describe('search-index worker', () => {
  it('makes a published event searchable within 2 s of its event.published message', { timeout: 30_000 }, async () => {
    const startsAt = new Date(Date.now() + 10 * 86_400_000)
    const started = Date.now()
    const eventId = await testDb().$transaction(async (tx) => {
      const event = await tx.event.create({
        data: {
          organiserId: organiser.id, title: `An evening of ${tag}`, category: 'Music', status: 'PUBLISHED', publishedAt: new Date(),
          venueName: 'Hall', venueAddress: '1 Street', city: 'Testville', timezone: 'Europe/Berlin',
          startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000),
        },
      })
      await writeOutbox(tx, ROUTING_KEYS.eventPublished, { eventId: event.id })
      return event.id
    })
    await eventually(found, 2_000, 'the event in search results')
    const tookMs = Date.now() - started
    expect(tookMs).toBeLessThanOrEqual(2_000)

    // A burst of updates coalesces: far fewer builds than messages.
    const logged = () => workers[1]!.logs().filter(l => l.msg === 'search index refreshed').map(l => l.version)
    const before = new Set(logged()).size
    for (let i = 0; i < 20; i++) await writeOutbox(testDb(), ROUTING_KEYS.eventUpdated, { eventId, timesChanged: false })
    await eventually(async () => workers[1]!.logs().filter(l => l.msg === 'message ok' && l.type === 'event.updated').length >= 20, 10_000, 'the 20 updates handled')
    const builds = new Set(logged()).size - before
    expect(builds).toBeGreaterThanOrEqual(1)
    expect(builds).toBeLessThanOrEqual(5)
  })
})

// Search against the running server: an event published straight into the database is found within
// 2 s of refreshSearchIndex (the web process hears the Redis announcement), a cancelled one goes,
// user input never breaks a search, and the offline index revalidates by ETag.
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../server/db/client.ts'
import { refreshSearchIndex } from '../../server/domain/search/refresh.ts'
import type { SearchIndexPayload, SearchPageDto, SuggestResponseDto } from '../../shared/types/search.ts'
import { api } from '../support/http.ts'
import { testDatabaseUrl } from '../support/lane.ts'

/** A word no other test uses, so results are ours alone. */
// A unique made-up word; the final x keeps the English stemmer from trimming random endings (-e, -s, -y…).
const tag = `quokka${Array.from(randomBytes(6), b => String.fromCharCode(97 + (b % 26))).join('')}x`
const DAY = 86_400_000

let db: Db
let redis: Redis
let organiserId: string

async function publishEvent(title: string, fields: { city?: string, inDays?: number } = {}): Promise<string> {
  const startsAt = new Date(Date.now() + (fields.inDays ?? 10) * DAY)
  const event = await db.event.create({
    data: {
      organiserId,
      title,
      description: 'A candle-lit evening of chamber music for strings.',
      category: 'Music',
      status: 'PUBLISHED',
      publishedAt: new Date(),
      venueName: 'Harpa Concert Hall',
      venueAddress: 'Austurbakki 2',
      city: fields.city ?? 'Reykjavik',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      timezone: 'Atlantic/Reykjavik',
      sections: { create: [{ name: 'Hall', kind: 'GA', priceCents: 3500, currency: 'EUR', capacity: 100 }] },
    },
  })
  return event.id
}

async function search(query: Record<string, string>) {
  return api<SearchPageDto>('GET', `/api/search?${new URLSearchParams(query)}`)
}

/** Polls until `done` holds, and says how long it took. */
async function within(ms: number, done: () => Promise<boolean>): Promise<number> {
  const started = Date.now()
  while (Date.now() - started < ms) {
    if (await done()) return Date.now() - started
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`not within ${ms} ms`)
}

beforeAll(async () => {
  db = createDb(testDatabaseUrl(), { max: 4 })
  redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379')
  const organiser = await db.user.create({
    data: { email: `${tag}@example.test`, passwordHash: 'not-a-real-hash', name: 'Nordlys Productions' },
  })
  organiserId = organiser.id
})

afterAll(async () => {
  redis?.disconnect()
  await db?.$disconnect()
})

describe('search freshness', () => {
  it('finds a newly published event within 2 s of a refresh, and drops it once cancelled', async () => {
    const title = `Moonlit ${tag} Serenade`
    const id = await publishEvent(title)
    // A search now means the server's own 5-second re-check cannot be what finds the event below.
    expect((await search({ q: tag })).body.total).toBe(0)

    const refreshed = await refreshSearchIndex(db, redis, { debounceMs: 0 })
    expect(refreshed.announced).toBe(true)
    const tookMs = await within(2_000, async () => (await search({ q: tag })).body.items.some(i => i.id === id))
    expect(tookMs).toBeLessThan(2_000)

    const { body } = await search({ q: `${tag} serenade` })
    expect(body.items[0]).toMatchObject({
      id,
      title,
      category: 'Music',
      venue: { name: 'Harpa Concert Hall', city: 'Reykjavik' },
      priceFrom: { amountCents: 3500, currency: 'EUR' },
      timezone: 'Atlantic/Reykjavik',
    })
    expect(body.items[0]!.matchedTerms).toEqual(expect.arrayContaining([tag, 'serenad']))
    expect(body.items[0]!.score).toBeGreaterThan(0)

    await db.event.update({ where: { id }, data: { status: 'CANCELLED', cancelledAt: new Date() } })
    await refreshSearchIndex(db, redis, { debounceMs: 0 })
    await within(2_000, async () => (await search({ q: tag })).body.total === 0)
  })

  it('ranks, filters and tolerates typos through the API', async () => {
    const soon = await publishEvent(`${tag} Strings at Dawn`, { inDays: 3 })
    const later = await publishEvent(`Late ${tag} Quartet`, { city: 'Oslo', inDays: 30 })
    await refreshSearchIndex(db, redis, { debounceMs: 0 })
    await within(2_000, async () => (await search({ q: tag })).body.total === 2)

    expect((await search({ q: tag, city: 'oslo' })).body.items.map(i => i.id)).toEqual([later])
    const to = new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10)
    expect((await search({ q: tag, to })).body.items.map(i => i.id)).toEqual([soon])
    expect((await search({ q: tag, minPrice: '4000' })).body.total).toBe(0)
    // One letter swapped in a word of five letters or more.
    expect((await search({ q: `${tag} qaurtet` })).body.items.map(i => i.id)).toEqual([later])
    expect((await search({ q: tag.slice(0, 8) })).body.total).toBe(2)

    const suggest = await api<SuggestResponseDto>('GET', `/api/search/suggest?q=${tag.slice(0, 9)}`)
    expect(suggest.status).toBe(200)
    expect(suggest.body.suggestions.map(s => s.text)).toEqual(expect.arrayContaining([`${tag} Strings at Dawn`, `Late ${tag} Quartet`]))
    expect(suggest.body.suggestions.length).toBeLessThanOrEqual(8)
  })
})

describe('GET /api/search input', () => {
  it.each(['title:~^*+-"', 'jazz~2', '+jazz -night', '"unclosed', '*', '^', 'title:', '\\', '((()', '🎷', '%', ' '])('answers 200 to q=%j', async (q) => {
    const res = await search({ q })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ page: 1, pageSize: 20 })
  })

  it('lists upcoming events soonest first for an empty query', async () => {
    const { status, body } = await search({ pageSize: '100' })
    expect(status).toBe(200)
    const starts = body.items.map(i => Date.parse(i.startsAt))
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
  })

  it.each([
    [{ page: '0' }, 'page'],
    [{ pageSize: '101' }, 'pageSize'],
    [{ from: 'tomorrow' }, 'from'],
    [{ to: '2027-13-45' }, 'to'],
    [{ minPrice: '-1' }, 'minPrice'],
    [{ maxPrice: 'cheap' }, 'maxPrice'],
    [{ minPrice: '5000', maxPrice: '100' }, 'minPrice'],
    [{ q: 'x'.repeat(201) }, 'q'],
  ])('answers 400 VALIDATION_FAILED to %j', async (query, field) => {
    const res = await api('GET', `/api/search?${new URLSearchParams(query)}`)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' })
    expect(res.body.details.issues.map((i: { path: string }) => i.path)).toContain(field)
  })
})

describe('GET /api/search/index', () => {
  it('serves the index with an ETag, answers 304 while it is unchanged and 200 once it changed', async () => {
    const first = await api<SearchIndexPayload>('GET', '/api/search/index')
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/".+"$/)
    expect(first.body).toMatchObject({ format: 1, facets: { cities: expect.arrayContaining(['Oslo']) } })
    expect(first.body.docs.some(d => d[1] === `Late ${tag} Quartet`)).toBe(true)

    const again = await api('GET', '/api/search/index', { headers: { 'if-none-match': etag } })
    expect(again.status).toBe(304)
    expect(again.body).toBeNull()

    await publishEvent(`${tag} Encore`)
    await refreshSearchIndex(db, redis, { debounceMs: 0 })
    await within(2_000, async () => (await api('GET', '/api/search/index', { headers: { 'if-none-match': etag } })).status === 200)
    const changed = await api('GET', '/api/search/index', { headers: { 'if-none-match': etag } })
    expect(changed.headers.get('etag')).not.toBe(etag)
  })
})

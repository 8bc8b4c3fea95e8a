// Public reads (catalogue, event, seat maps) come from a cache on every web instance, yet after a
// hold, a publish or an edit every instance serves the new state within a second; they answer
// ETag/304 and CDN-ready Cache-Control, and nothing said to a signed-in caller is cached publicly.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { api, baseUrl, Browser, uniqueEmail } from '../support/http.ts'
import { startTestServer } from '../support/test-server.ts'
import { createPublishedEvent, createUsers, type TestUser } from '../support/fixtures.ts'
import { createEvent, PASSWORD } from '../support/event-fixtures.ts'
import type { RunningServer } from '../support/server.ts'
import { decodeStatuses } from '../../shared/seat-map/status-codec.ts'
import type { SeatAvailabilityDto, SeatGeometryDto } from '../../shared/types/seat-map.ts'
import { testDatabaseUrl } from '../support/lane.ts'

let second: RunningServer
let organiser: TestUser
let buyer: TestUser

beforeAll(async () => {
  // The second instance would serve a cached read for 10 s without a change signal, so seeing the
  // new state there within a second proves the signal reached it (changes are made on the first).
  second = await startTestServer({ DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'), READ_CACHE_MS: '10000' })
  ;[organiser, buyer] = await createUsers(2) as [TestUser, TestUser]
}, 120_000)
afterAll(() => second?.stop())

const instances = () => [baseUrl(), second.url]

/**
 * Polls every instance until `check` holds on each, and fails when a request sent `ms` or more after
 * the start still got the old state. Measured by when requests were sent, not answered: on a loaded
 * machine an answer may take longer than the bound itself.
 */
async function everyInstanceWithin(ms: number, path: string, check: (body: any) => boolean): Promise<number> {
  const started = Date.now()
  const lastStale = await Promise.all(instances().map(async (base) => {
    let stale = 0
    for (;;) {
      const sentAt = Date.now() - started
      const res = await api('GET', path, { base })
      if (res.status === 200 && check(res.body)) return stale
      stale = sentAt
      if (sentAt >= ms) throw new Error(`${base}${path} still answered ${JSON.stringify(res.body).slice(0, 300)} to a request sent ${sentAt} ms after the change`)
      await new Promise(r => setTimeout(r, 20))
    }
  }))
  return Math.max(...lastStale)
}

/** Reads a path on every instance so each has it cached. */
async function warm(...paths: string[]): Promise<void> {
  for (const base of instances()) for (const path of paths) expect((await api('GET', path, { base })).status, path).toBe(200)
}

function statusesOf(availability: SeatAvailabilityDto, sectionId: string, count: number) {
  const section = availability.sections.find(s => s.id === sectionId)!
  return decodeStatuses(section.statuses!, count)
}

describe('cached public reads on two instances', () => {
  it('after a hold, every instance serves the held seat and the new counts within a second', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 5 }, { name: 'Floor', kind: 'GA', capacity: 20 }])
    const stalls = event.sections[0]!
    const paths = [`/api/events/${event.id}`, `/api/events/${event.id}/seats`, `/api/events/${event.id}/seats/availability`, `/api/events?organiserId=${organiser.id}&pageSize=100`]
    await warm(...paths)
    await warm(...paths) // the second read is served from the cache

    const seat = stalls.placeIds[2]!
    // Held through the first instance: the second hears of it only over Redis.
    const hold = await api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, seatIds: [seat], ga: [] } })
    expect(hold.status, JSON.stringify(hold.body)).toBe(201)
    const took = await Promise.all([
      everyInstanceWithin(1_000, paths[0]!, b => b.availability.available === 29 && b.sections[0].available === 9),
      everyInstanceWithin(1_000, paths[1]!, b => b.sections[0].rows.flatMap((r: any) => r.seats).find((s: any) => s.id === seat)?.status === 'HELD'),
      everyInstanceWithin(1_000, paths[2]!, (b: SeatAvailabilityDto) => b.available === 29 && statusesOf(b, stalls.id, 10)[2] === 'HELD'),
      everyInstanceWithin(1_000, paths[3]!, b => b.items.find((e: any) => e.id === event.id)?.availability.available === 29),
    ])
    expect(Math.max(...took)).toBeLessThan(1_000)
  })

  it('after a publish and an edit, every instance lists and shows the event as it is now within a second', async () => {
    const owner = { token: (await api('POST', '/api/auth/register', { body: { email: uniqueEmail('reads'), password: PASSWORD, name: 'Olga Organiser' } })).body.accessToken as string }
    const draft = await createEvent(owner.token, { title: `Cached draft ${Date.now()}` })
    const list = `/api/events?q=${encodeURIComponent(draft.title)}`
    await warm(list)
    for (const base of instances()) expect((await api('GET', `/api/events/${draft.id}`, { base })).status).toBe(404)

    expect((await api('POST', `/api/events/${draft.id}/publish`, { token: owner.token })).status).toBe(200)
    await everyInstanceWithin(1_000, list, b => b.items.some((e: any) => e.id === draft.id))
    await everyInstanceWithin(1_000, `/api/events/${draft.id}`, b => b.status === 'PUBLISHED')
    await warm(`/api/events/${draft.id}/seats/geometry`)

    const renamed = `${draft.title} (moved)`
    const patched = await api('PATCH', `/api/events/${draft.id}`, { token: owner.token, body: { title: renamed, sections: draft.sections.map((s: any) => ({ id: s.id, name: s.name === 'Stalls' ? 'Orchestra' : s.name, kind: s.kind, priceCents: s.price.amountCents, currency: s.price.currency, rows: s.rows ?? undefined, seatsPerRow: s.seatsPerRow ?? undefined, capacity: s.kind === 'GA' ? s.capacity : undefined })) } })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    await everyInstanceWithin(1_000, `/api/events/${draft.id}`, b => b.title === renamed)
    await everyInstanceWithin(1_000, `/api/events?q=${encodeURIComponent(renamed)}`, b => b.items.some((e: any) => e.id === draft.id))
    await everyInstanceWithin(1_000, `/api/events/${draft.id}/seats/geometry`, (b: SeatGeometryDto) => b.sections[0]!.name === 'Orchestra')
  })
})

describe('HTTP caching of public reads', () => {
  it('answers ETag and 304, with a public Cache-Control a CDN may keep for a second', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 5 }])
    for (const path of [`/api/events/${event.id}`, `/api/events/${event.id}/seats`, `/api/events/${event.id}/seats/availability`, '/api/events?pageSize=5']) {
      const first = await fetch(`${baseUrl()}${path}`)
      expect(first.status).toBe(200)
      expect(first.headers.get('content-type')).toMatch(/^application\/json/)
      expect(first.headers.get('cache-control'), path).toBe('public, max-age=0, s-maxage=1, stale-while-revalidate=5')
      const etag = first.headers.get('etag')
      expect(etag, path).toMatch(/^"[\w-]+"$/)
      const again = await fetch(`${baseUrl()}${path}`, { headers: { 'if-none-match': etag! } })
      expect(again.status, path).toBe(304)
      expect(await again.text()).toBe('')
    }
  })

  it('serves the geometry named by the availability document as immutable, and the seat order matches v1', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 3, seatsPerRow: 4 }])
    const seat = event.sections[0]!.placeIds[5]!
    expect((await api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, seatIds: [seat] } })).status).toBe(201)
    const availability = await api<SeatAvailabilityDto>('GET', `/api/events/${event.id}/seats/availability`)
    const versioned = await fetch(`${baseUrl()}/api/events/${event.id}/seats/geometry?v=${availability.body.geometryVersion}`)
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const geometry = await versioned.json() as SeatGeometryDto
    const unversioned = await fetch(`${baseUrl()}/api/events/${event.id}/seats/geometry?v=old`)
    expect(unversioned.headers.get('cache-control')).not.toContain('immutable')

    const seatsInOrder = geometry.sections[0]!.rows.flatMap(r => r.seats)
    const statuses = statusesOf(availability.body, event.sections[0]!.id, seatsInOrder.length)
    const v1 = (await api('GET', `/api/events/${event.id}/seats`)).body.sections[0].rows.flatMap((r: any) => r.seats)
    expect(seatsInOrder.map((s, i) => [s.id, s.label, statuses[i]])).toEqual(v1.map((s: any) => [s.id, s.label, s.status]))
    expect(statuses.filter(s => s === 'HELD')).toHaveLength(1)
    expect(availability.body).toMatchObject({ available: 11, total: 12 })
  })

  it('never caches publicly what it answers a signed-in caller, and puts no cookie or personal data in a cached body', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 4 }])
    const browser = new Browser()
    const email = uniqueEmail('private')
    const name = `Priya Private ${Date.now()}`
    expect((await browser.request('POST', '/api/auth/register', { email, password: PASSWORD, name })).status).toBe(201)
    expect(browser.cookie('bookify_access')).toBeTruthy()
    const paths = [`/api/events/${event.id}`, `/api/events/${event.id}/seats`, `/api/events/${event.id}/seats/availability`, `/api/events/${event.id}/seats/geometry`, '/api/events?pageSize=5']
    for (const path of paths) {
      // Signed in by cookie and by bearer token: private, and no cookie set on the way.
      const viaCookie = await browser.request('GET', path)
      const viaBearer = await api('GET', path, { token: buyer.token })
      for (const res of [viaCookie, viaBearer]) {
        expect(res.status, path).toBe(200)
        expect(res.headers.get('cache-control'), path).toMatch(/^private/)
        expect(res.headers.get('set-cookie'), path).toBeNull()
      }
      // The body the cache holds (filled by those signed-in requests) is the public one.
      const anonymous = await fetch(`${baseUrl()}${path}`)
      const text = await anonymous.text()
      expect(anonymous.headers.get('cache-control'), path).toMatch(/^public/)
      expect(anonymous.headers.get('set-cookie'), path).toBeNull()
      for (const personal of [email, name, buyer.id]) expect(text, path).not.toContain(personal)
      expect(JSON.parse(text)).toEqual(viaCookie.body)
    }
  })

  it('shows a draft only to its team, uncached, and to nobody else', async () => {
    const owner = { token: (await api('POST', '/api/auth/register', { body: { email: uniqueEmail('reads'), password: PASSWORD, name: 'Dora Draft' } })).body.accessToken as string }
    const draft = await createEvent(owner.token)
    for (const path of [`/api/events/${draft.id}`, `/api/events/${draft.id}/seats`, `/api/events/${draft.id}/seats/availability`, `/api/events/${draft.id}/seats/geometry`]) {
      const own = await api('GET', path, { token: owner.token })
      expect(own.status, path).toBe(200)
      expect(own.headers.get('cache-control'), path).toBe('private, no-store')
      expect((await api('GET', path)).status, path).toBe(404)
      expect((await api('GET', path, { token: buyer.token })).status, path).toBe(404)
    }
  })
})

// Home, the event list and event pages are served to visitors who are not signed in from a page
// cache on every instance: one copy for everyone, with no cookie, no name and no count of places in
// it, under a CSP that names the hashes of its own inline code. Signed-in visitors get their own
// page, never kept. After a publish or an edit every instance shows the new page within a second.
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { api, baseUrl, Browser, uniqueEmail } from '../support/http.ts'
import { startTestServer } from '../support/test-server.ts'
import { createPublishedEvent, createUsers, type TestUser } from '../support/fixtures.ts'
import { createEvent, PASSWORD } from '../support/event-fixtures.ts'
import type { RunningServer } from '../support/server.ts'
import { testDatabaseUrl } from '../support/lane.ts'

let second: RunningServer
let organiser: TestUser
let buyer: TestUser

beforeAll(async () => {
  // The second instance would keep a page 10 s without a change signal, so seeing the new page
  // there within a second proves the signal reached it (changes are made on the first).
  second = await startTestServer({ DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'), READ_CACHE_MS: '10000' })
  ;[organiser, buyer] = await createUsers(2) as [TestUser, TestUser]
}, 120_000)
afterAll(() => second?.stop())

const instances = () => [baseUrl(), second.url]

async function page(path: string, headers: Record<string, string> = {}, base = baseUrl()) {
  const res = await fetch(`${base}${path}`, { headers: { accept: 'text/html', ...headers } })
  return { status: res.status, headers: res.headers, html: await res.text() }
}

/** Polls every instance until the page satisfies `check`; fails when a request sent `ms` after the start still did not. */
async function everyInstanceWithin(ms: number, path: string, check: (html: string, status: number) => boolean): Promise<void> {
  const started = Date.now()
  await Promise.all(instances().map(async (base) => {
    for (;;) {
      const sentAt = Date.now() - started
      const res = await page(path, {}, base)
      if (check(res.html, res.status)) return
      if (sentAt >= ms) throw new Error(`${base}${path} still answered the old page (${res.status}) to a request sent ${sentAt} ms after the change`)
      await new Promise(r => setTimeout(r, 20))
    }
  }))
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

describe('cached public pages', () => {
  it('serves anonymous visitors one copy with no cookie, name or count in it, and signed-in visitors their own page', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 2, seatsPerRow: 5 }])
    const browser = new Browser()
    const name = `Priya Pages ${Date.now()}`
    const email = uniqueEmail('pages')
    expect((await browser.request('POST', '/api/auth/register', { email, password: PASSWORD, name })).status).toBe(201)
    const signedInCookie = ['bookify_access', 'bookify_refresh'].map(c => `${c}=${browser.cookie(c)}`).join('; ')

    for (const path of ['/', '/events', `/events/${event.id}`]) {
      // Signed in first: the cache must not keep what was rendered for them…
      const own = await page(path, { cookie: signedInCookie })
      expect(own.status, path).toBe(200)
      expect(own.html, path).toContain(name)
      expect(own.headers.get('cache-control'), path).toBe('private, no-store')
      expect(own.headers.get('vary'), path).toContain('Cookie')

      // …anonymous visitors get the public copy, twice the same (the second from the cache)…
      const first = await page(path)
      const again = await page(path)
      for (const res of [first, again]) {
        expect(res.status, path).toBe(200)
        expect(res.headers.get('set-cookie'), path).toBeNull()
        expect(res.headers.get('cache-control'), path).toBe('public, max-age=0, s-maxage=1, stale-while-revalidate=5')
        expect(res.headers.get('vary'), path).toContain('Cookie')
        for (const personal of [name, email, buyer.id]) expect(res.html, path).not.toContain(personal)
        expect(res.html, path).toContain('Sign in')
      }
      expect(again.headers.get('etag'), path).toBe(first.headers.get('etag'))
      expect((await fetch(`${baseUrl()}${path}`, { headers: { 'if-none-match': first.headers.get('etag')! } })).status, path).toBe(304)

      // …and the signed-in visitor still gets their own page after the anonymous copy was cached.
      const ownAgain = await page(path, { cookie: signedInCookie })
      expect(ownAgain.html, path).toContain(name)
      expect(ownAgain.headers.get('cache-control'), path).toBe('private, no-store')
    }
  })

  it('puts under the cached page a CSP naming the hashes of its inline scripts and styles, no nonce and no unsafe-inline code', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 10 }])
    for (const path of ['/', `/events/${event.id}`]) {
      await page(path)
      const cached = await page(path)
      const csp = cached.headers.get('content-security-policy')!
      const scriptSrc = csp.split('; ').find(d => d.startsWith('script-src '))!
      const styleSrc = csp.split('; ').find(d => d.startsWith('style-src '))!
      expect(scriptSrc, path).not.toMatch(/unsafe-inline|unsafe-eval|nonce-/)
      expect(styleSrc, path).not.toMatch(/unsafe-inline|nonce-/)
      const inline = [...cached.html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
        .filter(([, attrs]) => !/\ssrc=/.test(attrs!) && !/application\/json/.test(attrs!))
      expect(inline.length, path).toBeGreaterThan(0)
      for (const [, , body] of inline) expect(scriptSrc, path).toContain(sha256(body!))
      for (const [, body] of cached.html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)) expect(styleSrc, path).toContain(sha256(body!))
    }
  })

  it('keeps places left out of the page, so a hold leaves the cached copy as it was', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 8 }, { name: 'Floor', kind: 'GA', capacity: 12 }])
    const path = `/events/${event.id}`
    const before = await page(path)
    expect(before.html).toContain('Stalls')
    expect(before.html).not.toMatch(/places left|\b8 of 8\b|\b12 of 12\b|\b20 of 20\b/)
    const hold = await api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, seatIds: [event.sections[0]!.placeIds[0]!], ga: [] } })
    expect(hold.status, JSON.stringify(hold.body)).toBe(201)
    const after = await page(path)
    expect(after.headers.get('etag')).toBe(before.headers.get('etag'))
    const home = await page('/')
    expect(home.html).not.toMatch(/\d+ of \d+ left/)
  })

  it('after a publish and an edit, every instance shows the event page and list as they are now within a second', async () => {
    const owner = { token: (await api('POST', '/api/auth/register', { body: { email: uniqueEmail('pages'), password: PASSWORD, name: 'Olga Organiser' } })).body.accessToken as string }
    const city = `Pageville${Date.now()}`
    const draft = await createEvent(owner.token, { title: `Cached page ${Date.now()}`, venue: { name: 'Hall', address: 'Road 1', city } })
    const list = `/events?city=${city}`
    for (const base of instances()) {
      expect((await page(`/events/${draft.id}`, {}, base)).status).toBe(404)
      const empty = await page(list, {}, base)
      expect(empty.html).not.toContain(draft.title)
      expect((await page(list, {}, base)).html).not.toContain(draft.title) // now cached
    }

    expect((await api('POST', `/api/events/${draft.id}/publish`, { token: owner.token })).status).toBe(200)
    await everyInstanceWithin(1_000, `/events/${draft.id}`, (html, status) => status === 200 && html.includes(draft.title))
    await everyInstanceWithin(1_000, list, html => html.includes(draft.title))

    const renamed = `Renamed page ${Date.now()}`
    const patched = await api('PATCH', `/api/events/${draft.id}`, { token: owner.token, body: { title: renamed } })
    expect(patched.status, JSON.stringify(patched.body)).toBe(200)
    await everyInstanceWithin(1_000, `/events/${draft.id}`, html => html.includes(renamed))
    await everyInstanceWithin(1_000, list, html => html.includes(renamed))
  })
})

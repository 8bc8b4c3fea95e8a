// Hold creation is rate limited per user and per address (429 + Retry-After); RATE_LIMITS=off
// (used by the rest of the suite) turns it off. This file runs its own server with limits on.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { RunningServer } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { createPublishedEvent, createUsers, type TestUser } from '../support/fixtures.ts'
import { testDatabaseUrl } from '../support/lane.ts'

let server: RunningServer

beforeAll(async () => {
  server = await startTestServer({
    DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    RATE_LIMITS: 'on', RATE_LIMIT_HOLDS_PER_USER: '3', RATE_LIMIT_HOLDS_PER_IP: '1000', RATE_LIMIT_API_KEY_PER_MINUTE: '3',
  })
})
afterAll(() => server?.stop())

function postHold(token: string, body: object) {
  return fetch(`${server.url}/api/holds`, { method: 'POST', headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
}

describe('hold rate limits', () => {
  it('answers 429 with Retry-After once a user spends the budget, without touching others', async () => {
    const [organiser, eager, calm] = await createUsers(3) as [TestUser, TestUser, TestUser]
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 50 }])
    const body = { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] }
    const statuses: number[] = []
    let limited: Response | undefined
    for (let i = 0; i < 5; i++) {
      const res = await postHold(eager.token, body)
      statuses.push(res.status)
      if (res.status === 429) limited ??= res
    }
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201])
    expect(statuses.slice(3)).toEqual([429, 429])
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await limited!.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' })
    expect((await postHold(calm.token, body)).status).toBe(201)
  })
})

describe('API key rate limits', () => {
  async function createKey(owner: TestUser): Promise<string> {
    const res = await fetch(`${server.url}/api/organiser/api-keys`, { method: 'POST', headers: { 'authorization': `Bearer ${owner.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Busy script', scopes: ['events:read'] }) })
    expect(res.status).toBe(201)
    return (await res.json()).secret
  }

  it('announces each key\'s budget in RateLimit-* headers and answers 429 with Retry-After once it is spent', async () => {
    const [organiser] = await createUsers(1) as [TestUser]
    const [busy, calm] = [await createKey(organiser), await createKey(organiser)]
    // The window is a calendar minute: start early in one, so the five calls share it.
    const intoMinute = Date.now() % 60_000
    if (intoMinute > 50_000) await new Promise(r => setTimeout(r, 60_500 - intoMinute))
    const answers: Response[] = []
    for (let i = 0; i < 5; i++) answers.push(await fetch(`${server.url}/api/organiser/events`, { headers: { authorization: `Bearer ${busy}` } }))
    expect(answers.map(r => r.status)).toEqual([200, 200, 200, 429, 429])
    expect(answers.map(r => r.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0', '0'])
    for (const r of answers) {
      expect(r.headers.get('ratelimit-limit')).toBe('3')
      expect(Number(r.headers.get('ratelimit-reset'))).toBeGreaterThan(0)
    }
    expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await answers[3]!.json()).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' })
    // Another key of the same account has its own budget.
    const other = await fetch(`${server.url}/api/organiser/events`, { headers: { authorization: `Bearer ${calm}` } })
    expect(other.status).toBe(200)
    expect(other.headers.get('ratelimit-remaining')).toBe('2')
  })
})

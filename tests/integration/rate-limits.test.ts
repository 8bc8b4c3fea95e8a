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
    RATE_LIMITS: 'on', RATE_LIMIT_HOLDS_PER_USER: '3', RATE_LIMIT_HOLDS_PER_IP: '1000',
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

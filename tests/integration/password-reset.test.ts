// Issue 15.5, account recovery: "Forgot password?" answers the same for any address, e-mails (through
// the outbox, RabbitMQ, the notifications worker and SMTP) a link that works once and for at most an
// hour, and using it ends every session of the account. Rate-limited per client and per address.
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest'
import { hashResetToken } from '../../server/domain/accounts/password-reset.ts'
import { decodePart, mimeParts } from '../support/fake-smtp.ts'
import { testDb } from '../support/fixtures.ts'
import { api, baseUrl, Browser, uniqueEmail } from '../support/http.ts'
import { startNotificationsWorld, type NotificationsWorld } from '../support/notifications-world.ts'
import type { RunningServer } from '../support/server.ts'
import { startTestServer } from '../support/test-server.ts'
import { eventually } from '../support/workers.ts'
import { testDatabaseUrl } from '../support/lane.ts'

const OLD = 'correct horse battery'
const NEW = 'staple battery horse correct'
let world: NotificationsWorld
beforeAll(async () => {
  world = await startNotificationsWorld()
})
afterAll(() => world?.stop())

/** The reset link's token from the latest reset e-mail to `email`. */
async function tokenMailedTo(email: string, count = 1): Promise<string> {
  const mails = await eventually(async () => {
    const found = world.smtp.mails.filter(m => m.to.includes(email) && /Choose a new Bookify password/.test(m.raw))
    return found.length >= count && found
  }, 20_000, 'the reset e-mail')
  const text = decodePart(mimeParts(mails.at(-1)!.raw).find(p => /^text\/plain/i.test(p.headers['content-type'] ?? ''))!)
  const link = text.match(/https?:\/\/\S+\/reset-password\?token=([\w%-]+)/)
  expect(link, text).not.toBeNull()
  expect(link![0].startsWith(baseUrl())).toBe(true)
  return decodeURIComponent(link![1]!)
}

describe('password reset', () => {
  it('answers the same for a known and an unknown address, and e-mails only the known one', async () => {
    const browser = new Browser()
    const email = uniqueEmail('reset')
    expect((await browser.request('POST', '/api/auth/register', { email, password: OLD, name: 'Rita Reset' })).status).toBe(201)
    const known = await api('POST', '/api/auth/password-reset', { body: { email: email.toUpperCase() } })
    const unknown = await api('POST', '/api/auth/password-reset', { body: { email: uniqueEmail('nobody') } })
    expect(known.status).toBe(202)
    expect(unknown.status).toBe(202)
    expect(unknown.body).toEqual(known.body)
    const token = await tokenMailedTo(email)
    const rows = await testDb().passwordReset.findMany({ where: { user: { email } } })
    expect(rows).toHaveLength(1)
    expect(rows[0]!.tokenHash).toBe(hashResetToken(token)) // only the hash is stored
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeLessThanOrEqual(3_600_000)
    const outbox = await testDb().outboxMessage.findFirstOrThrow({ where: { routingKey: 'user.password_reset_requested', aggregateId: rows[0]!.userId } })
    expect(JSON.stringify(outbox.payload)).not.toContain(token)
  })

  it('sets the new password once, ends every session, and refuses used, expired and unknown tokens', async () => {
    const email = uniqueEmail('reset')
    const laptop = new Browser()
    const phone = new Browser()
    expect((await laptop.request('POST', '/api/auth/register', { email, password: OLD, name: 'Rita Reset' })).status).toBe(201)
    expect((await phone.request('POST', '/api/auth/login', { email, password: OLD })).status).toBe(200)
    await api('POST', '/api/auth/password-reset', { body: { email } })
    const token = await tokenMailedTo(email)

    const short = await api('POST', '/api/auth/password-reset/confirm', { body: { token, password: 'short' } })
    expect(short.body.code).toBe('VALIDATION_FAILED')
    const done = await api('POST', '/api/auth/password-reset/confirm', { body: { token, password: NEW } })
    expect(done.status, JSON.stringify(done.body)).toBe(200)

    for (const device of [laptop, phone]) expect((await device.request('POST', '/api/auth/refresh')).status).toBe(401)
    expect((await api('POST', '/api/auth/login', { body: { email, password: OLD } })).status).toBe(401)
    expect((await api('POST', '/api/auth/login', { body: { email, password: NEW } })).status).toBe(200)

    const again = await api('POST', '/api/auth/password-reset/confirm', { body: { token, password: 'yet another password' } })
    expect(again.status).toBe(400)
    expect(again.body.code).toBe('RESET_TOKEN_INVALID')
    expect((await api('POST', '/api/auth/password-reset/confirm', { body: { token: randomBytes(32).toString('base64url'), password: NEW } })).body.code).toBe('RESET_TOKEN_INVALID')

    // A link past its hour is refused like a used one.
    await api('POST', '/api/auth/password-reset', { body: { email } })
    const late = await tokenMailedTo(email, 2)
    await testDb().passwordReset.updateMany({ where: { tokenHash: hashResetToken(late) }, data: { expiresAt: new Date(Date.now() - 1000) } })
    const expired = await api('POST', '/api/auth/password-reset/confirm', { body: { token: late, password: 'a third password!' } })
    expect(expired.body.code).toBe('RESET_TOKEN_INVALID')
    expect((await api('POST', '/api/auth/login', { body: { email, password: NEW } })).status).toBe(200)
  })
})

describe('password reset limits', () => {
  let server: RunningServer
  beforeAll(async () => {
    server = await startTestServer({
      DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: inject('authSecret'), ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
      RATE_LIMITS: 'on', TRUST_PROXY: 'true', RATE_LIMIT_PASSWORD_RESET_PER_IP: '4', RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT: '2',
    })
  })
  afterAll(() => server?.stop())
  // Fixed one-minute windows: start well clear of a window's end.
  beforeEach(async () => {
    const intoMinute = Date.now() % 60_000
    if (intoMinute > 50_000) await new Promise(r => setTimeout(r, 60_000 - intoMinute + 100))
  }, 15_000)
  const ask = (email: string, ip: string) => api('POST', '/api/auth/password-reset', { base: server.url, body: { email }, headers: { 'x-forwarded-for': ip } })

  it('limits requests per address asked about (known or not) and per client', async () => {
    const address = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.7`
    const target = uniqueEmail('nobody')
    const perAccount = [await ask(target, `${address}1`), await ask(target, `${address}2`), await ask(target, `${address}3`)]
    expect(perAccount.map(r => r.status)).toEqual([202, 202, 429])
    expect(perAccount[2]!.body.code).toBe('RATE_LIMITED')
    const client = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.9`
    const perClient = []
    for (let i = 0; i < 5; i++) perClient.push((await ask(uniqueEmail('nobody'), client)).status)
    expect(perClient).toEqual([202, 202, 202, 202, 429])
  })
})

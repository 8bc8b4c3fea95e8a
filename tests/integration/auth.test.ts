// Every auth row of docs/API.md, black-box against the built server.
import { describe, expect, inject, it } from 'vitest'
import { SignJWT } from 'jose'
import { api, Browser, uniqueEmail } from '../support/http.ts'

const PASSWORD = 'correct horse battery'

async function registerUser(name = 'Test User') {
  const email = uniqueEmail()
  const res = await api('POST', '/api/auth/register', { body: { email, password: PASSWORD, name } })
  expect(res.status).toBe(201)
  return { email, ...res.body as { user: { id: string }, accessToken: string, refreshToken: string } }
}

function expectError(res: { status: number, body: any }, status: number, code: string) {
  expect(res.status).toBe(status)
  expect(res.body).toMatchObject({ statusCode: status, code })
  expect(typeof res.body.message).toBe('string')
}

describe('POST /api/auth/register', () => {
  it('creates the account and answers 201 with the user and an access token', async () => {
    const email = uniqueEmail()
    const res = await api('POST', '/api/auth/register', { body: { email: `  ${email.toUpperCase()} `, password: PASSWORD, name: 'Ada' } })
    expect(res.status).toBe(201)
    expect(res.body.user).toMatchObject({ email, name: 'Ada', role: 'USER', locale: 'en' })
    expect(res.body.user).not.toHaveProperty('passwordHash')
    expect(res.body.accessToken.split('.')).toHaveLength(3)
  })

  it('refuses a taken e-mail with 409 EMAIL_TAKEN, whatever its case', async () => {
    const { email } = await registerUser()
    expectError(await api('POST', '/api/auth/register', { body: { email: email.toUpperCase(), password: PASSWORD, name: 'Again' } }), 409, 'EMAIL_TAKEN')
  })

  it('lets exactly one of two simultaneous sign-ups with one address through', async () => {
    const email = uniqueEmail()
    const results = await Promise.all([1, 2, 3].map(() => api('POST', '/api/auth/register', { body: { email, password: PASSWORD, name: 'Racer' } })))
    expect(results.map(r => r.status).sort()).toEqual([201, 409, 409])
  })

  it.each([
    [{ email: 'not-an-email', password: PASSWORD, name: 'X' }, 'email'],
    [{ email: uniqueEmail(), password: 'short', name: 'X' }, 'password'],
    [{ email: uniqueEmail(), password: PASSWORD, name: '' }, 'name'],
    [{ password: PASSWORD, name: 'X' }, 'email'],
  ])('answers 400 VALIDATION_FAILED naming the bad field (%j)', async (body, field) => {
    const res = await api('POST', '/api/auth/register', { body })
    expectError(res, 400, 'VALIDATION_FAILED')
    expect(res.body.details.issues.map((i: { path: string }) => i.path)).toContain(field)
  })
})

describe('POST /api/auth/login', () => {
  it('signs in with the right password', async () => {
    const { email, user } = await registerUser()
    const res = await api('POST', '/api/auth/login', { body: { email, password: PASSWORD } })
    expect(res.status).toBe(200)
    expect(res.body.user.id).toBe(user.id)
    const me = await api('GET', '/api/me', { token: res.body.accessToken })
    expect(me.body.email).toBe(email)
  })

  it('gives the same 401 for a wrong password and an unknown e-mail', async () => {
    const { email } = await registerUser()
    const wrong = await api('POST', '/api/auth/login', { body: { email, password: 'not the password' } })
    const unknown = await api('POST', '/api/auth/login', { body: { email: uniqueEmail(), password: PASSWORD } })
    expectError(wrong, 401, 'INVALID_CREDENTIALS')
    expectError(unknown, 401, 'INVALID_CREDENTIALS')
    expect(unknown.body.message).toBe(wrong.body.message)
  })
})

describe('POST /api/auth/refresh', () => {
  it('rotates: answers a new access token and a new refresh token', async () => {
    const { refreshToken } = await registerUser()
    const res = await api('POST', '/api/auth/refresh', { body: { refreshToken } })
    expect(res.status).toBe(200)
    expect(res.body.accessToken).toBeTruthy()
    expect(res.body.refreshToken).toBeTruthy()
    expect(res.body.refreshToken).not.toBe(refreshToken)
  })

  it('treats a rotated token presented again as theft: 401 REFRESH_REUSED and the whole family revoked', async () => {
    const { refreshToken: first } = await registerUser()
    const second = (await api('POST', '/api/auth/refresh', { body: { refreshToken: first } })).body.refreshToken
    expectError(await api('POST', '/api/auth/refresh', { body: { refreshToken: first } }), 401, 'REFRESH_REUSED')
    // The legitimate holder's newer token dies with the family.
    expectError(await api('POST', '/api/auth/refresh', { body: { refreshToken: second } }), 401, 'REFRESH_REUSED')
  })

  it('lets only one of two simultaneous uses of one token rotate it', async () => {
    const { refreshToken } = await registerUser()
    const results = await Promise.all([1, 2].map(() => api('POST', '/api/auth/refresh', { body: { refreshToken } })))
    expect(results.map(r => r.status).sort()).toEqual([200, 401])
  })

  it('refuses an unknown token', async () => {
    expectError(await api('POST', '/api/auth/refresh', { body: { refreshToken: 'made-up' } }), 401, 'REFRESH_INVALID')
  })

  it('works from the refresh cookie for browsers and never puts the refresh token in the body', async () => {
    const browser = new Browser()
    const reg = await browser.request('POST', '/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'Cookie' })
    expect(reg.body).not.toHaveProperty('refreshToken')
    const before = browser.cookie('bookify_refresh')
    const res = await browser.request('POST', '/api/auth/refresh')
    expect(res.status).toBe(200)
    expect(res.body).not.toHaveProperty('refreshToken')
    expect(browser.cookie('bookify_refresh')).toBeTruthy()
    expect(browser.cookie('bookify_refresh')).not.toBe(before)
  })
})

describe('POST /api/auth/logout', () => {
  it('answers 204 and revokes the refresh family', async () => {
    const { refreshToken, accessToken } = await registerUser()
    const res = await api('POST', '/api/auth/logout', { body: { refreshToken }, token: accessToken })
    expect(res.status).toBe(204)
    expect((await api('POST', '/api/auth/refresh', { body: { refreshToken } })).status).toBe(401)
  })

  it('clears the browser cookies', async () => {
    const browser = new Browser()
    await browser.request('POST', '/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'Bye' })
    expect((await browser.request('POST', '/api/auth/logout')).status).toBe(204)
    expect(browser.cookie('bookify_access')).toBeUndefined()
    expectError(await browser.request('GET', '/api/me'), 401, 'UNAUTHENTICATED')
  })

  it('answers 401 when not signed in', async () => {
    expectError(await api('POST', '/api/auth/logout'), 401, 'UNAUTHENTICATED')
  })
})

describe('GET and PATCH /api/me', () => {
  it('answers 401 UNAUTHENTICATED without a token', async () => {
    expectError(await api('GET', '/api/me'), 401, 'UNAUTHENTICATED')
  })

  it('updates name, locale and only the named notification preferences', async () => {
    const { accessToken } = await registerUser('Before')
    const res = await api('PATCH', '/api/me', { token: accessToken, body: { name: 'After', locale: 'de', notificationPrefs: { email: false } } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ name: 'After', locale: 'de', notificationPrefs: { email: false, inApp: true, reminders: true } })
    expect((await api('GET', '/api/me', { token: accessToken })).body.name).toBe('After')
  })

  it('refuses unknown fields and bad values with 400', async () => {
    const { accessToken } = await registerUser()
    expectError(await api('PATCH', '/api/me', { token: accessToken, body: { role: 'ADMIN' } }), 400, 'VALIDATION_FAILED')
    expectError(await api('PATCH', '/api/me', { token: accessToken, body: { locale: 'xx' } }), 400, 'VALIDATION_FAILED')
    expect((await api('GET', '/api/me', { token: accessToken })).body.role).toBe('USER')
  })
})

describe('access tokens', () => {
  const secret = () => new TextEncoder().encode(inject('authSecret'))
  const claims = (userId: string) => ({ role: 'USER', fam: '00000000-0000-0000-0000-000000000000', sub: userId })

  it('refuses alg: none', async () => {
    const { user } = await registerUser()
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
    const now = Math.floor(Date.now() / 1000)
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims(user.id), iss: 'bookify', aud: 'bookify-api', iat: now, exp: now + 600 })}.`
    expectError(await api('GET', '/api/me', { token }), 401, 'TOKEN_INVALID')
  })

  it('refuses a token signed with another secret, for another audience, or expired', async () => {
    const { user } = await registerUser()
    const sign = (key: Uint8Array, aud: string, exp: number) => new SignJWT(claims(user.id)).setProtectedHeader({ alg: 'HS256' })
      .setIssuer('bookify').setAudience(aud).setIssuedAt(exp - 900).setExpirationTime(exp).sign(key)
    const now = Math.floor(Date.now() / 1000)
    const good = await sign(secret(), 'bookify-api', now + 600)
    expect((await api('GET', '/api/me', { token: good })).status).toBe(200)
    const others = [
      await sign(new TextEncoder().encode('x'.repeat(40)), 'bookify-api', now + 600),
      await sign(secret(), 'someone-else', now + 600),
      await sign(secret(), 'bookify-api', now - 10),
    ]
    for (const token of others) expectError(await api('GET', '/api/me', { token }), 401, 'TOKEN_INVALID')
  })
})

describe('cookie-authenticated writes', () => {
  it('are refused from another origin, and allowed from the app', async () => {
    const browser = new Browser()
    await browser.request('POST', '/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'Victim' })
    const forged = await browser.request('PATCH', '/api/me', { name: 'Hacked' }, { origin: 'https://evil.example' })
    expectError(forged, 403, 'ORIGIN_MISMATCH')
    const noOrigin = await browser.request('PATCH', '/api/me', { name: 'Hacked' }, { origin: '' })
    expect(noOrigin.status).toBe(403)
    expect((await browser.request('GET', '/api/me')).body.name).toBe('Victim')
    expect((await browser.request('PATCH', '/api/me', { name: 'Mine' })).status).toBe(200)
  })
})

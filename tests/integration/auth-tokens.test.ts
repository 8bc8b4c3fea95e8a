// Forged and stale tokens beyond the basics in auth.test.ts (alg none, foreign secret, audience,
// expiry, refresh reuse): every variant answers 401 in the error shape and never reveals data.
import { describe, expect, inject, it } from 'vitest'
import { SignJWT } from 'jose'
import { api, Browser, uniqueEmail } from '../support/http.ts'
import { createUsers } from '../support/fixtures.ts'

const PASSWORD = 'correct horse battery'
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
const secret = () => new TextEncoder().encode(inject('authSecret'))

function expectTokenRefused(res: { status: number, body: any }) {
  expect(res.status).toBe(401)
  expect(res.body).toMatchObject({ statusCode: 401, code: 'TOKEN_INVALID' })
  expect(typeof res.body.message).toBe('string')
}

async function signed(claims: Record<string, unknown>, options: { alg?: string, iss?: string, aud?: string, exp?: number, nbf?: number } = {}) {
  const now = Math.floor(Date.now() / 1000)
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuer(options.iss ?? 'bookify').setAudience(options.aud ?? 'bookify-api').setIssuedAt(now).setExpirationTime(options.exp ?? now + 600)
  if (options.nbf) jwt = jwt.setNotBefore(options.nbf)
  return jwt.sign(secret())
}

describe('forged access tokens', () => {
  it('refuses another issuer, another HMAC algorithm, a future nbf and claims of the wrong shape', async () => {
    const [user] = await createUsers(1)
    const claims = { sub: user!.id, role: 'USER', fam: '00000000-0000-0000-0000-000000000000' }
    expect((await api('GET', '/api/me', { token: await signed(claims) })).status).toBe(200)
    const forged = [
      await signed(claims, { iss: 'someone-else' }),
      await signed(claims, { alg: 'HS512' }),
      await signed(claims, { nbf: Math.floor(Date.now() / 1000) + 3600 }),
      await signed({ ...claims, role: 'ROOT' }),
      await signed({ role: 'USER', fam: claims.fam }),
      await signed({ sub: user!.id, role: 'USER' }),
    ]
    for (const token of forged) expectTokenRefused(await api('GET', '/api/me', { token }))
  })

  it('refuses a genuine token whose payload was edited to claim ADMIN', async () => {
    const [user] = await createUsers(1)
    const [header, , signature] = user!.token.split('.')
    const now = Math.floor(Date.now() / 1000)
    const edited = `${header}.${b64({ sub: user!.id, role: 'ADMIN', fam: 'x', iss: 'bookify', aud: 'bookify-api', iat: now, exp: now + 600 })}.${signature}`
    expectTokenRefused(await api('GET', '/api/me', { token: edited }))
  })

  it('refuses garbage in the Authorization header and in the access cookie', async () => {
    for (const token of ['x', 'a.b.c', `${b64({ alg: 'HS256' })}..`, 'e'.repeat(4000)]) {
      expectTokenRefused(await api('GET', '/api/me', { token }))
      expectTokenRefused(await api('GET', '/api/me', { headers: { cookie: `bookify_access=${token}` } }))
    }
  })
})

describe('refresh tokens after sign-out', () => {
  it('answers 401 for the refresh token of a session that signed out, in body or cookie', async () => {
    const res = await api('POST', '/api/auth/register', { body: { email: uniqueEmail(), password: PASSWORD, name: 'Gone' } })
    const { refreshToken, accessToken } = res.body
    expect((await api('POST', '/api/auth/logout', { body: { refreshToken }, token: accessToken })).status).toBe(204)
    const again = await api('POST', '/api/auth/refresh', { body: { refreshToken } })
    expect(again.status).toBe(401)
    expect(['REFRESH_INVALID', 'REFRESH_REUSED']).toContain(again.body.code)

    const browser = new Browser()
    await browser.request('POST', '/api/auth/register', { email: uniqueEmail(), password: PASSWORD, name: 'Cookie Gone' })
    const stolen = browser.cookie('bookify_refresh')!
    expect((await browser.request('POST', '/api/auth/logout')).status).toBe(204)
    const replay = await api('POST', '/api/auth/refresh', { headers: { cookie: `bookify_refresh=${stolen}`, origin: browser.origin } })
    expect(replay.status).toBe(401)
  })
})

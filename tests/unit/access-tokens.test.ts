import { describe, expect, it } from 'vitest'
import { signAccessToken, verifyAccessToken, ACCESS_TOKEN_TTL_SECONDS } from '../../server/domain/accounts/access-tokens.ts'

const SECRET = 's'.repeat(32)
const CLAIMS = { userId: '0190a0a0-0000-7000-8000-000000000001', role: 'USER' as const, familyId: '0190a0a0-0000-7000-8000-000000000002' }

function tamper(token: string, patch: (header: Record<string, unknown>, payload: Record<string, unknown>) => void, signature?: string): string {
  const [h, p, s] = token.split('.')
  const header = JSON.parse(Buffer.from(h!, 'base64url').toString())
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString())
  patch(header, payload)
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url')
  return `${enc(header)}.${enc(payload)}.${signature ?? s}`
}

describe('access tokens', () => {
  it('round-trip the claims', async () => {
    expect(await verifyAccessToken(await signAccessToken(CLAIMS, SECRET), SECRET)).toEqual(CLAIMS)
  })

  it('expire after 15 minutes', async () => {
    const token = await signAccessToken(CLAIMS, SECRET, Date.now() - (ACCESS_TOKEN_TTL_SECONDS + 5) * 1000)
    await expect(verifyAccessToken(token, SECRET)).rejects.toMatchObject({ code: 'TOKEN_INVALID', details: { reason: 'expired' } })
  })

  it.each([
    ['alg none, no signature', (t: string) => tamper(t, (h) => { h.alg = 'none' }, '')],
    ['raised role', (t: string) => tamper(t, (_h, p) => { p.role = 'ADMIN' })],
    ['other audience', (t: string) => tamper(t, (_h, p) => { p.aud = 'elsewhere' })],
    ['garbage', () => 'not.a.jwt'],
  ])('refuse %s', async (_name, forge) => {
    const token = forge(await signAccessToken(CLAIMS, SECRET))
    await expect(verifyAccessToken(token, SECRET)).rejects.toMatchObject({ code: 'TOKEN_INVALID' })
  })

  it('refuse a token signed with another secret', async () => {
    const token = await signAccessToken(CLAIMS, 'o'.repeat(32))
    await expect(verifyAccessToken(token, SECRET)).rejects.toMatchObject({ code: 'TOKEN_INVALID' })
  })

  describe('once verified (remembered by their exact text)', () => {
    it('still expire on time', async () => {
      const issued = Date.now()
      const token = await signAccessToken(CLAIMS, SECRET, issued)
      expect(await verifyAccessToken(token, SECRET, issued)).toEqual(CLAIMS)
      await expect(verifyAccessToken(token, SECRET, issued + (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000))
        .rejects.toMatchObject({ code: 'TOKEN_INVALID', details: { reason: 'expired' } })
    })

    it('lend nothing to a forgery that reuses the signature', async () => {
      const token = await signAccessToken(CLAIMS, SECRET)
      await verifyAccessToken(token, SECRET)
      await expect(verifyAccessToken(tamper(token, (_h, p) => { p.role = 'ADMIN' }), SECRET)).rejects.toMatchObject({ code: 'TOKEN_INVALID' })
    })

    it('are refused under another secret', async () => {
      const token = await signAccessToken(CLAIMS, SECRET)
      await verifyAccessToken(token, SECRET)
      await expect(verifyAccessToken(token, 'o'.repeat(32))).rejects.toMatchObject({ code: 'TOKEN_INVALID' })
    })
  })
})

// The SSRF guard's address table and the signature scheme, without a network.
import { describe, expect, it } from 'vitest'
import { checkWebhookTarget, isPrivateAddress } from '../../server/domain/webhooks/target-guard.ts'
import { signatureHeader, verifySignature } from '../../server/domain/webhooks/signature.ts'

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1', '127.255.255.254', '10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '192.0.2.10', '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:10.0.0.1', '2001:db8::1', 'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true)
  })

  it.each(['1.1.1.1', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false)
  })
})

describe('checkWebhookTarget', () => {
  const resolveTo = (addresses: string[]) => async () => addresses

  it('refuses a name when any address it resolves to is private', async () => {
    await expect(checkWebhookTarget('https://hooks.example.com/x', { allowPrivate: false, resolve: resolveTo(['93.184.216.34', '10.0.0.5']) }))
      .rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED', details: { reason: 'private_address' } })
    await expect(checkWebhookTarget('https://hooks.example.com/x', { allowPrivate: false, resolve: resolveTo(['93.184.216.34']) })).resolves.toBeUndefined()
  })

  it('refuses literals, unresolvable names, and allows everything when told to', async () => {
    await expect(checkWebhookTarget('http://[::1]:8080/', { allowPrivate: false })).rejects.toMatchObject({ details: { reason: 'private_address' } })
    await expect(checkWebhookTarget('http://x.invalid/', { allowPrivate: false, resolve: async () => { throw new Error('ENOTFOUND') } }))
      .rejects.toMatchObject({ details: { reason: 'unresolvable' } })
    await expect(checkWebhookTarget('http://127.0.0.1:4000/', { allowPrivate: true })).resolves.toBeUndefined()
  })
})

describe('Bookify-Signature', () => {
  it('verifies its own header, and nothing altered or stale', () => {
    const now = new Date('2026-12-07T12:00:00Z')
    const header = signatureHeader('whsec_test', '{"a":1}', now)
    expect(header).toMatch(/^t=1796644800,v1=[0-9a-f]{64}$/)
    expect(verifySignature('whsec_test', header, '{"a":1}', 300, now)).toBe(true)
    expect(verifySignature('whsec_test', header, '{"a":2}', 300, now)).toBe(false)
    expect(verifySignature('whsec_other', header, '{"a":1}', 300, now)).toBe(false)
    expect(verifySignature('whsec_test', header, '{"a":1}', 300, new Date(now.getTime() + 301_000))).toBe(false)
  })
})

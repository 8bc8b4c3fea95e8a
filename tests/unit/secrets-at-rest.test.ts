import { describe, expect, it } from 'vitest'
import { DecryptionError, decryptSecret, encryptSecret } from '../../server/domain/secrets/secrets-at-rest.ts'

const KEY = 'test-encryption-key'

function flip(part: string): string {
  const bytes = Buffer.from(part, 'base64url')
  bytes[0] = bytes[0]! ^ 0x01
  return bytes.toString('base64url')
}

describe('AES-256-GCM secrets at rest', () => {
  it.each(['ya29.access-token', '', 'ünïcødé ✓ 🔑', 'x'.repeat(5000)])('round-trips %j', (plain) => {
    const stored = encryptSecret(plain, KEY, 'user-1')
    expect(stored).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]*$/)
    expect(stored).not.toContain(plain || '\u0000')
    expect(decryptSecret(stored, KEY, 'user-1')).toBe(plain)
  })

  it('uses a fresh IV each time', () => {
    expect(encryptSecret('same', KEY)).not.toBe(encryptSecret('same', KEY))
  })

  it.each([
    ['the ciphertext', 3],
    ['the tag', 2],
    ['the IV', 1],
  ])('detects a change to %s', (_what, index) => {
    const parts = encryptSecret('refresh-token-value', KEY, 'user-1').split('.')
    parts[index] = flip(parts[index]!)
    expect(() => decryptSecret(parts.join('.'), KEY, 'user-1')).toThrow(DecryptionError)
  })

  it('refuses another key, other associated data and malformed input', () => {
    const stored = encryptSecret('secret', KEY, 'user-1')
    expect(() => decryptSecret(stored, 'another-key', 'user-1')).toThrow(DecryptionError)
    expect(() => decryptSecret(stored, KEY, 'user-2')).toThrow(DecryptionError)
    for (const bad of ['', 'v1', 'v2.a.b.c', `${stored}.extra`, stored.replace(/^v1/, 'v0')]) {
      expect(() => decryptSecret(bad, KEY, 'user-1')).toThrow(DecryptionError)
    }
  })
})

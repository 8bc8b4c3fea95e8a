import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../server/domain/accounts/passwords.ts'

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery')
    expect(hash.startsWith('scrypt$')).toBe(true)
    expect(hash).not.toContain('correct horse')
    expect(await verifyPassword('correct horse battery', hash)).toBe(true)
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false)
  })

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'))
  })

  it.each(['', 'plain', 'scrypt$1$2', 'bcrypt$x$y$z$a$b'])('treats a malformed stored hash %j as a mismatch', async (stored) => {
    expect(await verifyPassword('anything at all', stored)).toBe(false)
  })
})

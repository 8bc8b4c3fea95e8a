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

  it('hashes at 2^15 unless asked otherwise, and verifies a hash made at any cost', async () => {
    const strong = await hashPassword('correct horse battery')
    expect(strong.split('$').slice(1, 4)).toEqual(['32768', '8', '1'])
    const cheap = await hashPassword('correct horse battery', 10)
    expect(cheap.split('$')[1]).toBe('1024')
    expect(await verifyPassword('correct horse battery', cheap)).toBe(true)
    expect(await verifyPassword('wrong', cheap)).toBe(false)
  })

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'))
  })

  it.each(['', 'plain', 'scrypt$1$2', 'bcrypt$x$y$z$a$b'])('treats a malformed stored hash %j as a mismatch', async (stored) => {
    expect(await verifyPassword('anything at all', stored)).toBe(false)
  })
})

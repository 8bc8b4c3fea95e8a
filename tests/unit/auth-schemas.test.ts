import { describe, expect, it } from 'vitest'
import { registerBody, updateMeBody } from '../../shared/schemas/auth.ts'

describe('registerBody', () => {
  it.each([
    [{ email: ' Ada@Example.TEST ', password: '0123456789', name: ' Ada ' }, { email: 'ada@example.test', name: 'Ada' }],
  ])('normalises %j', (input, expected) => {
    expect(registerBody.parse(input)).toMatchObject(expected)
  })

  it.each([
    [{ email: 'ada@example.test', password: '012345678', name: 'Ada' }, 'password'],
    [{ email: 'ada@', password: '0123456789', name: 'Ada' }, 'email'],
    [{ email: `${'a'.repeat(250)}@example.test`, password: '0123456789', name: 'Ada' }, 'email'],
    [{ email: 'ada@example.test', password: '0123456789', name: '   ' }, 'name'],
    [{ email: 'ada@example.test', password: '0123456789' }, 'name'],
  ])('rejects %j on %s', (input, field) => {
    const result = registerBody.safeParse(input)
    expect(result.success).toBe(false)
    expect(result.error?.issues.map(i => i.path[0])).toContain(field)
  })
})

describe('updateMeBody', () => {
  it.each([
    [{ name: 'New' }, true],
    [{ locale: 'de' }, true],
    [{ notificationPrefs: { email: false } }, true],
    [{}, false],
    [{ role: 'ADMIN' }, false],
    [{ email: 'new@example.test' }, false],
    [{ locale: 'klingon' }, false],
    [{ notificationPrefs: { email: 'yes' } }, false],
  ])('%j → valid: %s', (input, valid) => {
    expect(updateMeBody.safeParse(input).success).toBe(valid)
  })
})

import { describe, expect, it } from 'vitest'
import { DisabledUsers } from '../../server/domain/accounts/disabled-users.ts'
import { ACCESS_TOKEN_TTL_SECONDS } from '../../server/domain/accounts/access-tokens.ts'

describe('DisabledUsers', () => {
  it('refuses a disabled account until every token issued before the disabling has expired', () => {
    const clock = { now: 1_000_000 }
    const list = new DisabledUsers(() => clock.now)
    list.disable('u1', new Date(clock.now))
    expect(list.has('u1')).toBe(true)
    expect(list.has('u2')).toBe(false)
    clock.now += ACCESS_TOKEN_TTL_SECONDS * 1000 - 1
    expect(list.has('u1')).toBe(true)
    clock.now += 1
    expect(list.has('u1')).toBe(false)
  })

  it('forgets an account enabled again, and ignores a disabling older than a token\'s lifetime', () => {
    const clock = { now: 5_000_000 }
    const list = new DisabledUsers(() => clock.now)
    list.disable('u1', new Date(clock.now))
    list.enable('u1')
    expect(list.has('u1')).toBe(false)
    list.disable('u2', new Date(clock.now - ACCESS_TOKEN_TTL_SECONDS * 1000))
    expect(list.has('u2')).toBe(false)
  })
})

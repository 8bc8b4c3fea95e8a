import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config/env.ts'

const SECRET = 'x'.repeat(32)

describe('loadConfig', () => {
  it('points at the local services by default', () => {
    const c = loadConfig({ AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k' })
    expect(c).toMatchObject({
      databaseUrl: 'postgresql://postgres@127.0.0.1:5432/bookify',
      redisUrl: 'redis://127.0.0.1:6379',
      amqpUrl: 'amqp://guest:guest@127.0.0.1:5672',
      port: 3000,
      appUrl: 'http://localhost:3000',
      holdMinutesDefault: 10,
      rateLimits: 'on',
      isProduction: false,
    })
  })

  it.each([
    ['AUTH_SECRET', { NODE_ENV: 'production', ENCRYPTION_KEY: 'k' }],
    ['ENCRYPTION_KEY', { NODE_ENV: 'production', AUTH_SECRET: SECRET }],
  ])('refuses to start in production without %s', (name, env) => {
    expect(() => loadConfig(env)).toThrow(new RegExp(name))
  })

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ HOLD_MINUTES_DEFAULT: '1' }, /HOLD_MINUTES_DEFAULT/],
    [{ HOLD_MINUTES_DEFAULT: '61' }, /HOLD_MINUTES_DEFAULT/],
    [{ AUTH_SECRET: 'too-short' }, /at least 32 bytes/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig({ AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k', ...env })).toThrow(ConfigError)
    expect(() => loadConfig({ AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k', ...env })).toThrow(message)
  })

  it('reads RATE_LIMITS=off and strips a trailing slash from APP_URL', () => {
    const c = loadConfig({ AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k', RATE_LIMITS: 'off', APP_URL: 'https://bookify.example/' })
    expect(c.rateLimits).toBe('off')
    expect(c.appUrl).toBe('https://bookify.example')
  })
})

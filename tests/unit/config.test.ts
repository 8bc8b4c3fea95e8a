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
    [{ AUTH_SECRET: 'too-short' }, /AUTH_SECRET must be at least 32 bytes/],
    [{ DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE must be a whole number from 1 to 200, got "0"/],
    [{ REFUSAL_MEMO_MS: '1.5' }, /REFUSAL_MEMO_MS must be a whole number from 0 to 10000, got "1.5"/],
    [{ RATE_LIMIT_LOGIN_PER_IP: '-1' }, /RATE_LIMIT_LOGIN_PER_IP/],
    [{ METRICS_PORT: 'ninety' }, /METRICS_PORT/],
    [{ LOG_LEVEL: 'verbose' }, /LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"/],
    [{ RATE_LIMITS: 'of' }, /RATE_LIMITS must be one of on, off, got "of"/],
    [{ TRUST_PROXY: 'yes please' }, /TRUST_PROXY must be one of true, false, 1, 0/],
    [{ RETRY_DELAYS_MS: '1000,,5000' }, /RETRY_DELAYS_MS/],
    [{ RETRY_DELAYS_MS: '1s,5s' }, /RETRY_DELAYS_MS/],
    [{ RETRY_DELAYS_MS: '5' }, /RETRY_DELAYS_MS/],
    [{ CLEANUP_SWEEP_CRON: 'every minute' }, /CLEANUP_SWEEP_CRON/],
    [{ RELAY_POLL_MS: '0' }, /RELAY_POLL_MS/],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig({ AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k', ...env })).toThrow(ConfigError)
    expect(() => loadConfig({ AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k', ...env })).toThrow(message)
  })

  it('names every variable that is wrong in one error, and never echoes a secret', () => {
    const attempt = () => loadConfig({ AUTH_SECRET: 'short-secret-value', ENCRYPTION_KEY: 'k', PORT: 'abc', LOG_LEVEL: 'loud' })
    expect(attempt).toThrow(/PORT .*LOG_LEVEL|LOG_LEVEL .*PORT/)
    expect(attempt).toThrow(/AUTH_SECRET/)
    expect(attempt).not.toThrow(/short-secret-value/)
  })

  it('names both secrets when production has neither', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET must be set in production.*ENCRYPTION_KEY must be set in production/)
  })

  it('reads every default and setting into the typed config', () => {
    const c = loadConfig({
      AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k', PORT: '8080', METRICS_PORT: '9100', LOG_LEVEL: 'DEBUG', TRUST_PROXY: '1',
      RATE_LIMIT_HOLDS_PER_USER: '7', GOOGLE_API_BASE_URL: 'http://127.0.0.1:9999//', REFUSAL_MEMO_MS: '0', DATABASE_POOL_SIZE: '',
    })
    expect(c).toMatchObject({
      port: 8080, appUrl: 'http://localhost:8080', mailFrom: 'Bookify <no-reply@localhost>', metricsPort: 9100, logLevel: 'debug',
      trustProxy: true, holdRateLimit: { perUser: 7, perIp: 300 }, loginRateLimit: { perIp: 10, perAccount: 5 }, registerRateLimitPerIp: 5,
      googleApiBaseUrl: 'http://127.0.0.1:9999', googleOAuthBaseUrl: 'https://accounts.google.com', refusalMemoMs: 0, databasePoolSize: 10,
      bullPrefix: 'bull', smtpUrl: undefined, metricsToken: undefined, authSecret: SECRET, encryptionKey: 'k',
    })
    expect(loadConfig({ AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k' })).toMatchObject({ metricsPort: undefined, trustProxy: false, logLevel: 'info', refusalMemoMs: 1000 })
  })

  it('keeps the production worker timings unless told otherwise, and reads shorter ones for tests', () => {
    expect(loadConfig({ AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k' })).toMatchObject({
      retryDelaysMs: [1_000, 5_000, 30_000, 120_000],
      amqpReconnectMaxMs: 5_000,
      relayPollMs: 200,
      cleanupCron: { sweep: '*/30 * * * * *', purge: '7 * * * *', pruneOutbox: '17 3 * * *', consistency: '*/5 * * * *' },
      reminderSweepMs: 3_600_000,
    })
    const short = loadConfig({
      AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k', RETRY_DELAYS_MS: '200, 400', AMQP_RECONNECT_MAX_MS: '500', RELAY_POLL_MS: '50',
      CLEANUP_SWEEP_CRON: ' * * * * * * ', REMINDER_SWEEP_MS: '60000',
    })
    expect(short).toMatchObject({ retryDelaysMs: [200, 400], amqpReconnectMaxMs: 500, relayPollMs: 50, reminderSweepMs: 60_000 })
    expect(short.cleanupCron).toEqual({ sweep: '* * * * * *', purge: '7 * * * *', pruneOutbox: '17 3 * * *', consistency: '*/5 * * * *' })
  })

  it('reads RATE_LIMITS=off and strips a trailing slash from APP_URL', () => {
    const c = loadConfig({ AUTH_SECRET: SECRET, ENCRYPTION_KEY: 'k', RATE_LIMITS: 'off', APP_URL: 'https://bookify.example/' })
    expect(c.rateLimits).toBe('off')
    expect(c.appUrl).toBe('https://bookify.example')
  })
})

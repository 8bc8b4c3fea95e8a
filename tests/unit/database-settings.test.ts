// DATABASE_URL / DATABASE_DIRECT_URL / DATABASE_PREPARED_STATEMENTS: the pooled URL, the direct one for
// migrations, and whether named prepared statements are used (off behind PgBouncer by default).
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config/env.ts'
import { databaseSettings } from '../../server/config/database-settings.ts'

const DIRECT = 'postgresql://app:pw@db.internal:5432/bookify'
const POOLED = 'postgresql://app:pw@pooler.internal:6432/bookify?pgbouncer=true'

describe('databaseSettings', () => {
  it('without a pooler: one URL for everything, prepared statements on', () => {
    expect(databaseSettings(DIRECT, undefined, 'auto')).toEqual({ url: DIRECT, directUrl: DIRECT, pooled: false, preparedStatements: true })
  })

  it('behind PgBouncer: the marker taken out of the pooled URL, the direct URL for sessions, statements unnamed', () => {
    expect(databaseSettings(POOLED, DIRECT, 'auto')).toEqual({
      url: 'postgresql://app:pw@pooler.internal:6432/bookify', directUrl: DIRECT, pooled: true, preparedStatements: false,
    })
  })

  it('keeps the URL\'s other parameters', () => {
    const s = databaseSettings('postgresql://a@h:6432/d?sslmode=require&pgbouncer=true&application_name=web', DIRECT, 'auto')
    expect(s).toMatchObject({ url: 'postgresql://a@h:6432/d?sslmode=require&application_name=web', pooled: true })
  })

  it('lets the setting override the guess either way (PgBouncer ≥ 1.21 prepares statements itself)', () => {
    expect(databaseSettings(POOLED, DIRECT, 'on')).toMatchObject({ preparedStatements: true })
    expect(databaseSettings(DIRECT, undefined, 'off')).toMatchObject({ preparedStatements: false })
  })

  it('treats pgbouncer=false as no pooler', () => {
    expect(databaseSettings('postgresql://a@h/d?pgbouncer=false', undefined, 'auto')).toEqual({ url: 'postgresql://a@h/d', directUrl: 'postgresql://a@h/d', pooled: false, preparedStatements: true })
  })

  it('refuses a pooled URL without a direct one, and a direct one that is pooled', () => {
    expect(databaseSettings(POOLED, undefined, 'auto')).toEqual({ error: expect.stringMatching(/DATABASE_DIRECT_URL must be set/) })
    expect(databaseSettings(POOLED, POOLED, 'auto')).toEqual({ error: expect.stringMatching(/DATABASE_DIRECT_URL must reach PostgreSQL directly/) })
  })
})

describe('loadConfig database settings', () => {
  const base = { AUTH_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: 'k' }

  it('defaults the direct URL to DATABASE_URL', () => {
    const c = loadConfig({ ...base, DATABASE_URL: DIRECT })
    expect(c).toMatchObject({ databaseUrl: DIRECT, databaseDirectUrl: DIRECT, databasePreparedStatements: true })
  })

  it('reads a pooled setup', () => {
    const c = loadConfig({ ...base, DATABASE_URL: POOLED, DATABASE_DIRECT_URL: DIRECT })
    expect(c).toMatchObject({ databaseUrl: 'postgresql://app:pw@pooler.internal:6432/bookify', databaseDirectUrl: DIRECT, databasePreparedStatements: false })
    expect(loadConfig({ ...base, DATABASE_URL: POOLED, DATABASE_DIRECT_URL: DIRECT, DATABASE_PREPARED_STATEMENTS: 'ON' }).databasePreparedStatements).toBe(true)
  })

  it.each([
    [{ DATABASE_URL: POOLED }, /DATABASE_URL DATABASE_DIRECT_URL must be set/],
    [{ DATABASE_PREPARED_STATEMENTS: 'sometimes' }, /DATABASE_PREPARED_STATEMENTS must be one of auto, on, off/],
  ])('names the variable at fault: %o', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message)
  })
})

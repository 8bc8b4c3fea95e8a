// The one place that reads the environment. Web server, workers and scripts all import `config`.
// Defaults point at the local services so `npm start` works on a developer machine unchanged.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseEnv } from 'node:util'

export interface Config {
  nodeEnv: string
  isProduction: boolean
  databaseUrl: string
  redisUrl: string
  amqpUrl: string
  port: number
  appUrl: string
  authSecret: string
  encryptionKey: string
  smtpUrl: string | undefined
  googleClientId: string | undefined
  googleClientSecret: string | undefined
  holdMinutesDefault: number
  rateLimits: 'on' | 'off'
  /** Hold attempts allowed per minute, per signed-in user and per client address. */
  holdRateLimit: { perUser: number, perIp: number }
  trustProxy: boolean
}

const DEV_SECRETS_FILE = resolve(process.cwd(), '.data/dev-secrets.json')

/** In development a secret is generated once and kept in a git-ignored file, so sessions survive restarts. */
function devSecret(name: 'authSecret' | 'encryptionKey'): string {
  let secrets: Record<string, string> = {}
  if (existsSync(DEV_SECRETS_FILE)) secrets = JSON.parse(readFileSync(DEV_SECRETS_FILE, 'utf8'))
  if (!secrets[name]) {
    secrets[name] = randomBytes(32).toString('base64url')
    mkdirSync(dirname(DEV_SECRETS_FILE), { recursive: true })
    writeFileSync(DEV_SECRETS_FILE, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  }
  return secrets[name]
}

export class ConfigError extends Error {}

function required(env: NodeJS.ProcessEnv, name: string, isProduction: boolean, fallback: () => string): string {
  const value = env[name]
  if (value) return value
  if (isProduction) throw new ConfigError(`${name} must be set in production (see .env.example).`)
  return fallback()
}

function intInRange(raw: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}".`)
  return n
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development'
  const isProduction = nodeEnv === 'production'
  const port = intInRange(env.PORT, 3000, 1, 65535, 'PORT')
  const authSecret = required(env, 'AUTH_SECRET', isProduction, () => devSecret('authSecret'))
  if (Buffer.byteLength(authSecret) < 32) throw new ConfigError('AUTH_SECRET must be at least 32 bytes long.')
  return {
    nodeEnv,
    isProduction,
    databaseUrl: env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/bookify',
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    amqpUrl: env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
    port,
    appUrl: (env.APP_URL || `http://localhost:${port}`).replace(/\/$/, ''),
    authSecret,
    encryptionKey: required(env, 'ENCRYPTION_KEY', isProduction, () => devSecret('encryptionKey')),
    smtpUrl: env.SMTP_URL || undefined,
    googleClientId: env.GOOGLE_CLIENT_ID || undefined,
    googleClientSecret: env.GOOGLE_CLIENT_SECRET || undefined,
    holdMinutesDefault: intInRange(env.HOLD_MINUTES_DEFAULT, 10, 2, 60, 'HOLD_MINUTES_DEFAULT'),
    rateLimits: env.RATE_LIMITS === 'off' ? 'off' : 'on',
    holdRateLimit: {
      perUser: intInRange(env.RATE_LIMIT_HOLDS_PER_USER, 30, 1, 1_000_000, 'RATE_LIMIT_HOLDS_PER_USER'),
      perIp: intInRange(env.RATE_LIMIT_HOLDS_PER_IP, 300, 1, 1_000_000, 'RATE_LIMIT_HOLDS_PER_IP'),
    },
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
  }
}

/** Variables from a local .env file fill in what the real environment leaves unset. */
function withDotEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = resolve(process.cwd(), '.env')
  if (!existsSync(file)) return env
  const fromFile = parseEnv(readFileSync(file, 'utf8'))
  for (const [name, value] of Object.entries(fromFile)) {
    if (env[name] === undefined && value !== '') env[name] = value
  }
  return env
}

let cached: Config | undefined
/** The process's configuration, read on first use. */
export function config(): Config {
  cached ??= loadConfig(withDotEnv(process.env))
  return cached
}

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
  /** PostgreSQL connections of one web process (DATABASE_POOL_SIZE); workers use their own small pools. */
  databasePoolSize: number
  redisUrl: string
  amqpUrl: string
  port: number
  appUrl: string
  authSecret: string
  encryptionKey: string
  smtpUrl: string | undefined
  googleClientId: string | undefined
  googleClientSecret: string | undefined
  /** Google's consent screen host (https://accounts.google.com); tests point it at a local fake. */
  googleOAuthBaseUrl: string
  /** Google's token and revoke endpoints host (https://oauth2.googleapis.com). */
  googleTokenBaseUrl: string
  /** Root URL of Google's REST APIs, Calendar included (https://www.googleapis.com). */
  googleApiBaseUrl: string
  /** Where e-mails are written as .eml files while SMTP_URL is unset. */
  mailDir: string
  /** The From header of every e-mail. */
  mailFrom: string
  holdMinutesDefault: number
  rateLimits: 'on' | 'off'
  /** How long a web process remembers places it saw taken, to refuse a rush without the database (0: off). */
  refusalMemoMs: number
  /** Hold attempts allowed per minute, per signed-in user and per client address. */
  holdRateLimit: { perUser: number, perIp: number }
  /** Sign-in attempts allowed per minute, per client address and per account (e-mail). */
  loginRateLimit: { perIp: number, perAccount: number }
  /** Sign-ups allowed per minute from one client address. */
  registerRateLimitPerIp: number
  /** pino level of the web server's and the workers' JSON logs (LOG_LEVEL). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  trustProxy: boolean
  /** When set, every /metrics (web and workers) answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  metricsToken: string | undefined
  /** Port a worker serves Prometheus /metrics on; unset: the worker serves none (the web app always serves /metrics). */
  metricsPort: number | undefined
  /** Redis key prefix of the BullMQ queues; web and workers of one deployment must agree. */
  bullPrefix: string
  /** Waits before a failed message comes back, one per failed attempt, the last repeating (RETRY_DELAYS_MS). */
  retryDelaysMs: number[]
  /** Longest wait between a worker's attempts to reach RabbitMQ again after losing it (AMQP_RECONNECT_MAX_MS). */
  amqpReconnectMaxMs: number
  /** How often an idle outbox relay looks for new rows (RELAY_POLL_MS). */
  relayPollMs: number
  /** The cleanup worker's node-cron schedules; a sixth, leading field counts seconds (CLEANUP_*_CRON). */
  cleanupCron: { sweep: string, purge: string, pruneOutbox: string, consistency: string }
  /** How often the notifications worker re-adds the coming day's reminder jobs (REMINDER_SWEEP_MS). */
  reminderSweepMs: number
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

function msList(raw: string | undefined, fallback: number[], name: string): number[] {
  if (raw === undefined || raw === '') return fallback
  return raw.split(',').map((part) => {
    const n = Number(part.trim())
    if (!part.trim() || !Number.isInteger(n) || n < 10 || n > 86_400_000) throw new ConfigError(`${name} must list whole milliseconds from 10 to 86400000, comma-separated, got "${raw}".`)
    return n
  })
}

/** A cron expression's shape (node-cron checks the fields themselves when the worker schedules it). */
function cronExpression(raw: string | undefined, fallback: string, name: string): string {
  if (raw === undefined || raw === '') return fallback
  const fields = raw.trim().split(/\s+/)
  if (fields.length < 5 || fields.length > 6) throw new ConfigError(`${name} must be a cron expression of 5 or 6 fields, got "${raw}".`)
  return fields.join(' ')
}

function baseUrl(raw: string | undefined, fallback: string): string {
  return (raw || fallback).replace(/\/+$/, '')
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

function logLevel(raw: string | undefined): Config['logLevel'] {
  if (!raw) return 'info'
  const level = LOG_LEVELS.find(l => l === raw.toLowerCase())
  if (!level) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}".`)
  return level
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development'
  const isProduction = nodeEnv === 'production'
  const port = intInRange(env.PORT, 3000, 1, 65535, 'PORT')
  const authSecret = required(env, 'AUTH_SECRET', isProduction, () => devSecret('authSecret'))
  if (Buffer.byteLength(authSecret) < 32) throw new ConfigError('AUTH_SECRET must be at least 32 bytes long.')
  const appUrl = (env.APP_URL || `http://localhost:${port}`).replace(/\/$/, '')
  return {
    nodeEnv,
    isProduction,
    databaseUrl: env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/bookify',
    databasePoolSize: intInRange(env.DATABASE_POOL_SIZE, 10, 1, 200, 'DATABASE_POOL_SIZE'),
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    amqpUrl: env.AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672',
    port,
    appUrl,
    authSecret,
    encryptionKey: required(env, 'ENCRYPTION_KEY', isProduction, () => devSecret('encryptionKey')),
    smtpUrl: env.SMTP_URL || undefined,
    googleClientId: env.GOOGLE_CLIENT_ID || undefined,
    googleClientSecret: env.GOOGLE_CLIENT_SECRET || undefined,
    googleOAuthBaseUrl: baseUrl(env.GOOGLE_OAUTH_BASE_URL, 'https://accounts.google.com'),
    googleTokenBaseUrl: baseUrl(env.GOOGLE_TOKEN_BASE_URL, 'https://oauth2.googleapis.com'),
    googleApiBaseUrl: baseUrl(env.GOOGLE_API_BASE_URL, 'https://www.googleapis.com'),
    mailDir: resolve(process.cwd(), env.MAIL_DIR || '.data/mail'),
    mailFrom: env.MAIL_FROM || `Bookify <no-reply@${new URL(appUrl).hostname}>`,
    holdMinutesDefault: intInRange(env.HOLD_MINUTES_DEFAULT, 10, 2, 60, 'HOLD_MINUTES_DEFAULT'),
    rateLimits: env.RATE_LIMITS === 'off' ? 'off' : 'on',
    refusalMemoMs: intInRange(env.REFUSAL_MEMO_MS, 1_000, 0, 10_000, 'REFUSAL_MEMO_MS'),
    holdRateLimit: {
      perUser: intInRange(env.RATE_LIMIT_HOLDS_PER_USER, 30, 1, 1_000_000, 'RATE_LIMIT_HOLDS_PER_USER'),
      perIp: intInRange(env.RATE_LIMIT_HOLDS_PER_IP, 300, 1, 1_000_000, 'RATE_LIMIT_HOLDS_PER_IP'),
    },
    loginRateLimit: {
      perIp: intInRange(env.RATE_LIMIT_LOGIN_PER_IP, 10, 1, 1_000_000, 'RATE_LIMIT_LOGIN_PER_IP'),
      perAccount: intInRange(env.RATE_LIMIT_LOGIN_PER_ACCOUNT, 5, 1, 1_000_000, 'RATE_LIMIT_LOGIN_PER_ACCOUNT'),
    },
    registerRateLimitPerIp: intInRange(env.RATE_LIMIT_REGISTER_PER_IP, 5, 1, 1_000_000, 'RATE_LIMIT_REGISTER_PER_IP'),
    logLevel: logLevel(env.LOG_LEVEL),
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    metricsToken: env.METRICS_TOKEN || undefined,
    metricsPort: env.METRICS_PORT ? intInRange(env.METRICS_PORT, 0, 1, 65535, 'METRICS_PORT') : undefined,
    bullPrefix: env.BULLMQ_PREFIX || 'bull',
    // Timings below: production values by default; the integration tests shorten them.
    retryDelaysMs: msList(env.RETRY_DELAYS_MS, [1_000, 5_000, 30_000, 120_000], 'RETRY_DELAYS_MS'),
    amqpReconnectMaxMs: intInRange(env.AMQP_RECONNECT_MAX_MS, 5_000, 100, 300_000, 'AMQP_RECONNECT_MAX_MS'),
    relayPollMs: intInRange(env.RELAY_POLL_MS, 200, 10, 60_000, 'RELAY_POLL_MS'),
    cleanupCron: {
      sweep: cronExpression(env.CLEANUP_SWEEP_CRON, '*/30 * * * * *', 'CLEANUP_SWEEP_CRON'),
      purge: cronExpression(env.CLEANUP_PURGE_CRON, '7 * * * *', 'CLEANUP_PURGE_CRON'),
      pruneOutbox: cronExpression(env.CLEANUP_PRUNE_OUTBOX_CRON, '17 3 * * *', 'CLEANUP_PRUNE_OUTBOX_CRON'),
      consistency: cronExpression(env.CLEANUP_CONSISTENCY_CRON, '*/5 * * * *', 'CLEANUP_CONSISTENCY_CRON'),
    },
    reminderSweepMs: intInRange(env.REMINDER_SWEEP_MS, 3_600_000, 1_000, 86_400_000, 'REMINDER_SWEEP_MS'),
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

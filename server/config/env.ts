// The one place that reads the environment. Web server, workers and scripts all import `config`.
// Every variable is named once, in `envSchema` below, with its default and its rule; the Config type
// is inferred from it. Defaults point at the local services so `npm start` works on a developer
// machine unchanged. README ("Configuration") and .env.example document each variable.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseEnv } from 'node:util'
import { z } from 'zod'
import { databaseSettings, type DatabaseSettings } from './database-settings.ts'

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

// ── one variable each. Unset and empty both mean "not given". Messages follow the variable's name. ──
const given = z.string().optional().transform(raw => raw || undefined)

const text = (fallback: string) => given.transform(raw => raw ?? fallback)

/** A base URL without trailing slashes, so paths can be appended with one. */
const baseUrl = (fallback: string) => text(fallback).transform(url => url.replace(/\/+$/, ''))

function wholeNumber<F extends number | undefined>(fallback: F, min: number, max: number) {
  return given.transform((raw, ctx): number | F => {
    if (raw === undefined) return fallback
    const n = Number(raw)
    if (Number.isInteger(n) && n >= min && n <= max) return n
    ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${raw}".` })
    return z.NEVER
  })
}

function oneOf<const T extends readonly string[]>(values: T, fallback: T[number]) {
  return given.transform((raw, ctx): T[number] => {
    if (raw === undefined) return fallback
    const value = values.find(v => v === raw.toLowerCase())
    if (value !== undefined) return value
    ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}, got "${raw}".` })
    return z.NEVER
  })
}

const flag = (fallback: boolean) => oneOf(['true', 'false', '1', '0'], fallback ? 'true' : 'false').transform(v => v === 'true' || v === '1')

/** Secrets are never echoed in a message. */
const secret = given.refine(raw => raw === undefined || Buffer.byteLength(raw) >= 32, 'must be at least 32 bytes long.')

/** An http(s) URL without trailing slashes, or undefined. */
const httpUrl = given.transform((raw, ctx): string | undefined => {
  if (raw === undefined) return undefined
  try {
    const url = new URL(raw)
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw.replace(/\/+$/, '')
  } catch { /* reported below */ }
  ctx.addIssue({ code: 'custom', message: `must be an http(s) URL such as http://127.0.0.1:12111, got "${raw}".` })
  return z.NEVER
})

/** Comma-separated whole milliseconds, e.g. a list of retry delays. */
const msList = (fallback: number[]) => given.transform((raw, ctx): number[] => {
  if (raw === undefined) return fallback
  const parts = raw.split(',').map(part => part.trim())
  const values = parts.map(Number)
  if (parts.every(p => p !== '') && values.every(n => Number.isInteger(n) && n >= 10 && n <= 86_400_000)) return values
  ctx.addIssue({ code: 'custom', message: `must list whole milliseconds from 10 to 86400000, comma-separated, got "${raw}".` })
  return z.NEVER
})

/** A cron expression's shape (node-cron checks the fields themselves when the worker schedules it). */
const cron = (fallback: string) => given.transform((raw, ctx): string => {
  if (raw === undefined) return fallback
  const fields = raw.trim().split(/\s+/)
  if (fields.length >= 5 && fields.length <= 6) return fields.join(' ')
  ctx.addIssue({ code: 'custom', message: `must be a cron expression of 5 or 6 fields, got "${raw}".` })
  return z.NEVER
})

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
const PER_MINUTE_MAX = 1_000_000

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  DATABASE_URL: text('postgresql://postgres@127.0.0.1:5432/bookify'),
  DATABASE_POOL_SIZE: wholeNumber(10, 1, 200),
  // Behind PgBouncer (DATABASE_URL with ?pgbouncer=true): PostgreSQL itself, for migrations (database-settings.ts).
  DATABASE_DIRECT_URL: given,
  // auto: off behind PgBouncer (?pgbouncer=true), on otherwise. PgBouncer ≥ 1.21 with max_prepared_statements may say on.
  DATABASE_PREPARED_STATEMENTS: oneOf(['auto', 'on', 'off'], 'auto'),
  REDIS_URL: text('redis://127.0.0.1:6379'),
  AMQP_URL: text('amqp://guest:guest@127.0.0.1:5672'),
  PORT: wholeNumber(3000, 1, 65535),
  APP_URL: given,
  AUTH_SECRET: secret,
  ENCRYPTION_KEY: given,
  SMTP_URL: given,
  GOOGLE_CLIENT_ID: given,
  GOOGLE_CLIENT_SECRET: given,
  GOOGLE_OAUTH_BASE_URL: baseUrl('https://accounts.google.com'),
  GOOGLE_TOKEN_BASE_URL: baseUrl('https://oauth2.googleapis.com'),
  GOOGLE_API_BASE_URL: baseUrl('https://www.googleapis.com'),
  MAIL_DIR: text('.data/mail'),
  MAIL_FROM: given,
  HOLD_MINUTES_DEFAULT: wholeNumber(10, 2, 60),
  RATE_LIMITS: oneOf(['on', 'off'], 'on'),
  REFUSAL_MEMO_MS: wholeNumber(1_000, 0, 10_000),
  READ_CACHE_MS: wholeNumber(1_000, 100, 10_000),
  RATE_LIMIT_HOLDS_PER_USER: wholeNumber(30, 1, PER_MINUTE_MAX),
  RATE_LIMIT_HOLDS_PER_IP: wholeNumber(300, 1, PER_MINUTE_MAX),
  RATE_LIMIT_PROMO_PER_USER: wholeNumber(10, 1, PER_MINUTE_MAX),
  RATE_LIMIT_LOGIN_PER_IP: wholeNumber(10, 1, PER_MINUTE_MAX),
  RATE_LIMIT_LOGIN_PER_ACCOUNT: wholeNumber(5, 1, PER_MINUTE_MAX),
  RATE_LIMIT_REGISTER_PER_IP: wholeNumber(5, 1, PER_MINUTE_MAX),
  RATE_LIMIT_PASSWORD_RESET_PER_IP: wholeNumber(5, 1, PER_MINUTE_MAX),
  RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT: wholeNumber(3, 1, PER_MINUTE_MAX),
  RATE_LIMIT_QUEUE_JOIN_PER_IP: wholeNumber(60, 1, PER_MINUTE_MAX),
  RATE_LIMIT_INVITATIONS_PER_USER: wholeNumber(30, 1, PER_MINUTE_MAX),
  RATE_LIMIT_API_KEY_PER_MINUTE: wholeNumber(300, 1, PER_MINUTE_MAX),
  QUEUE_TICK_MS: wholeNumber(250, 50, 10_000),
  LOG_LEVEL: oneOf(LOG_LEVELS, 'info'),
  PASSWORD_HASH_COST: wholeNumber(15, 10, 20),
  TRUST_PROXY: flag(false),
  METRICS_TOKEN: given,
  METRICS_PORT: wholeNumber(undefined, 1, 65535),
  BULLMQ_PREFIX: text('bull'),
  // Timings: production values by default; the integration tests shorten them.
  RETRY_DELAYS_MS: msList([1_000, 5_000, 30_000, 120_000]),
  AMQP_RECONNECT_MAX_MS: wholeNumber(5_000, 100, 300_000),
  RELAY_POLL_MS: wholeNumber(200, 10, 60_000),
  CLEANUP_SWEEP_CRON: cron('*/30 * * * * *'),
  CLEANUP_PURGE_CRON: cron('7 * * * *'),
  CLEANUP_PRUNE_OUTBOX_CRON: cron('17 3 * * *'),
  CLEANUP_CONSISTENCY_CRON: cron('*/5 * * * *'),
  REMINDER_SWEEP_MS: wholeNumber(3_600_000, 1_000, 86_400_000),
  // Card payments (Stripe Checkout); without a secret key, events sell at the venue or free.
  STRIPE_SECRET_KEY: given,
  STRIPE_WEBHOOK_SECRET: given,
  STRIPE_API_BASE: httpUrl,
  CHECKOUT_GRACE_MINUTES: wholeNumber(15, 1, 120),
  // Organiser webhooks (server/domain/webhooks, workers/webhooks.ts).
  WEBHOOKS_ALLOW_PRIVATE: flag(false),
  // Growing waits that add up to about a day (23 h 51.5 min over 10 retries); tests shorten them.
  WEBHOOK_RETRY_DELAYS_MS: msList([30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000, 28_800_000, 28_800_000]),
  WEBHOOK_TIMEOUT_MS: wholeNumber(10_000, 100, 60_000),
  WEBHOOK_DISABLE_AFTER: wholeNumber(3, 1, 1000),
  WEBHOOK_SWEEP_MS: wholeNumber(30_000, 100, 3_600_000),
}).superRefine((env, ctx) => {
  const database = databaseSettings(env.DATABASE_URL, env.DATABASE_DIRECT_URL, env.DATABASE_PREPARED_STATEMENTS)
  if ('error' in database) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: database.error })
  if (env.NODE_ENV !== 'production') return
  for (const name of ['AUTH_SECRET', 'ENCRYPTION_KEY'] as const) {
    if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'must be set in production (see .env.example).' })
  }
}).transform((env) => {
  const appUrl = (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, '')
  // superRefine above reports a contradiction; the fallback only keeps this total.
  const settings = databaseSettings(env.DATABASE_URL, env.DATABASE_DIRECT_URL, env.DATABASE_PREPARED_STATEMENTS)
  const database: DatabaseSettings = 'error' in settings ? { url: env.DATABASE_URL, directUrl: env.DATABASE_URL, pooled: false, preparedStatements: true } : settings
  return {
    nodeEnv: env.NODE_ENV,
    isProduction: env.NODE_ENV === 'production',
    /** What the query pools connect to: PgBouncer when there is one (the ?pgbouncer marker taken out). */
    databaseUrl: database.url,
    /** PostgreSQL itself: migrations, and the database's identity in shared Redis keys. DATABASE_URL when no pooler. */
    databaseDirectUrl: database.directUrl,
    /** False behind a transaction pooler without prepared-statement support: every query goes unnamed. */
    databasePreparedStatements: database.preparedStatements,
    /** PostgreSQL connections of one web process (DATABASE_POOL_SIZE); workers use their own small pools. */
    databasePoolSize: env.DATABASE_POOL_SIZE,
    redisUrl: env.REDIS_URL,
    amqpUrl: env.AMQP_URL,
    port: env.PORT,
    /** Public URL: links in e-mails, the allowed Origin, Secure cookies. */
    appUrl,
    authSecret: env.AUTH_SECRET ?? devSecret('authSecret'),
    encryptionKey: env.ENCRYPTION_KEY ?? devSecret('encryptionKey'),
    smtpUrl: env.SMTP_URL,
    googleClientId: env.GOOGLE_CLIENT_ID,
    googleClientSecret: env.GOOGLE_CLIENT_SECRET,
    /** Google's consent screen host (https://accounts.google.com); tests point it at a local fake. */
    googleOAuthBaseUrl: env.GOOGLE_OAUTH_BASE_URL,
    /** Google's token and revoke endpoints host (https://oauth2.googleapis.com). */
    googleTokenBaseUrl: env.GOOGLE_TOKEN_BASE_URL,
    /** Root URL of Google's REST APIs, Calendar included (https://www.googleapis.com). */
    googleApiBaseUrl: env.GOOGLE_API_BASE_URL,
    /** Where e-mails are written as .eml files while SMTP_URL is unset. */
    mailDir: resolve(process.cwd(), env.MAIL_DIR),
    /** The From header of every e-mail. */
    mailFrom: env.MAIL_FROM ?? `Bookify <no-reply@${new URL(appUrl).hostname}>`,
    holdMinutesDefault: env.HOLD_MINUTES_DEFAULT,
    rateLimits: env.RATE_LIMITS,
    /** How long a web process remembers places it saw taken, to refuse a rush without the database (0: off). */
    refusalMemoMs: env.REFUSAL_MEMO_MS,
    /** Longest a cached public read that shows availability is served without a change signal. */
    readCacheMs: env.READ_CACHE_MS,
    /** Hold attempts allowed per minute, per signed-in user and per client address. */
    holdRateLimit: { perUser: env.RATE_LIMIT_HOLDS_PER_USER, perIp: env.RATE_LIMIT_HOLDS_PER_IP },
    /** Promo-code tries per minute per user (code checks and holds carrying a code), against guessing. */
    promoRateLimitPerUser: env.RATE_LIMIT_PROMO_PER_USER,
    /** Sign-in attempts allowed per minute, per client address and per account (e-mail). */
    loginRateLimit: { perIp: env.RATE_LIMIT_LOGIN_PER_IP, perAccount: env.RATE_LIMIT_LOGIN_PER_ACCOUNT },
    /** Sign-ups allowed per minute from one client address. */
    registerRateLimitPerIp: env.RATE_LIMIT_REGISTER_PER_IP,
    passwordResetRateLimit: { perIp: env.RATE_LIMIT_PASSWORD_RESET_PER_IP, perAccountPerHour: env.RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT },
    /** Waiting-room joins allowed per minute from one client address. */
    queueJoinRateLimitPerIp: env.RATE_LIMIT_QUEUE_JOIN_PER_IP,
    /** Team invitations one user may e-mail per hour, so Bookify cannot be used to send mail in bulk. */
    invitationRateLimitPerUserPerHour: env.RATE_LIMIT_INVITATIONS_PER_USER,
    /** Requests allowed per minute with one organiser API key. */
    apiKeyRateLimitPerMinute: env.RATE_LIMIT_API_KEY_PER_MINUTE,
    /** How often the waiting rooms' admitter runs. */
    queueTickMs: env.QUEUE_TICK_MS,
    /** log2 of scrypt's N for new password hashes. Lower it only for tests: it is what makes a stolen hash slow to guess. */
    passwordHashCost: env.PASSWORD_HASH_COST,
    /** pino level of the web server's and the workers' JSON logs. */
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    /** When set, every /metrics (web and workers) answers only `Authorization: Bearer <METRICS_TOKEN>`. */
    metricsToken: env.METRICS_TOKEN,
    /** Port a worker serves Prometheus /metrics on; unset: the worker serves none (the web app always serves /metrics). */
    metricsPort: env.METRICS_PORT,
    /** Redis key prefix of the BullMQ queues; web and workers of one deployment must agree. */
    bullPrefix: env.BULLMQ_PREFIX,
    /** Waits before a failed message comes back, one per failed attempt, the last repeating. */
    retryDelaysMs: env.RETRY_DELAYS_MS,
    /** Longest wait between a worker's attempts to reach RabbitMQ again after losing it. */
    amqpReconnectMaxMs: env.AMQP_RECONNECT_MAX_MS,
    /** How often an idle outbox relay looks for new rows. */
    relayPollMs: env.RELAY_POLL_MS,
    /** The cleanup worker's node-cron schedules; a sixth, leading field counts seconds. */
    cleanupCron: { sweep: env.CLEANUP_SWEEP_CRON, purge: env.CLEANUP_PURGE_CRON, pruneOutbox: env.CLEANUP_PRUNE_OUTBOX_CRON, consistency: env.CLEANUP_CONSISTENCY_CRON },
    /** How often the notifications worker re-adds the coming day's reminder jobs. */
    reminderSweepMs: env.REMINDER_SWEEP_MS,
    /** Stripe secret key (sk_…); unset: card payments are off, events sell at the venue or free. */
    stripeSecretKey: env.STRIPE_SECRET_KEY,
    /** Signing secret (whsec_…) of the Stripe webhook endpoint; unset: webhooks are refused. */
    stripeWebhookSecret: env.STRIPE_WEBHOOK_SECRET,
    /** Stripe's API root; unset: Stripe's own. Tests and local development point it at a fake. */
    stripeApiBase: env.STRIPE_API_BASE,
    /** How long past the hold's expiry a card checkout keeps the places before Bookify ends it. */
    checkoutGraceMinutes: env.CHECKOUT_GRACE_MINUTES,
    webhooks: {
      /** Loopback, private, link-local and unique-local targets allowed (local testing only, never production). */
      allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
      /** Waits between a delivery's attempts; one attempt more than there are waits, then it has failed for good. */
      retryDelaysMs: env.WEBHOOK_RETRY_DELAYS_MS,
      /** How long one attempt may take, connection to last byte of the answer. */
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      /** Deliveries failed for good in a row (no success between) after which the endpoint is disabled. */
      disableAfter: env.WEBHOOK_DISABLE_AFTER,
      /** How often the worker looks for due deliveries whose job was lost (and resends queued by the web). */
      sweepMs: env.WEBHOOK_SWEEP_MS,
    },
  }
})

export type Config = z.output<typeof envSchema>

export class ConfigError extends Error {}

/** The configuration of this environment; a ConfigError naming every variable that is not valid. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchema.safeParse(env)
  if (result.success) return result.data
  throw new ConfigError(result.error.issues.map(issue => `${issue.path.join('.')} ${issue.message}`).join(' '))
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

// One quick probe per backing service. Each resolves to null when the service answers, or to a
// short human reason when it does not; none of them throws or retries.
import { connect as connectAmqp } from 'amqplib'
import { Redis } from 'ioredis'
import pg from 'pg'

export type Probe = (url: string, timeoutMs: number) => Promise<string | null>

/** Reasons starting with this mean the server answered but refused the credentials. */
export const LOGIN_REFUSED = 'login refused'

function reasonOf(error: unknown): string {
  const err = error as { code?: string, message?: string, errors?: unknown[] }
  // PostgreSQL: invalid password / no pg_hba entry; RabbitMQ: ACCESS_REFUSED during the handshake.
  if (err?.code === '28P01' || err?.code === '28000' || /ACCESS[-_]REFUSED/.test(err?.message ?? '')) return `${LOGIN_REFUSED}: ${err.message?.split('\n')[0]}`
  // Node reports "localhost" refusals (IPv4 and IPv6 tried) as an AggregateError with an empty message.
  const code = err?.code ?? (err?.errors?.[0] as { code?: string } | undefined)?.code
  if (code === 'ECONNREFUSED') return 'connection refused'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found'
  if (code === 'ETIMEDOUT') return 'connection timed out'
  return err?.message?.split('\n')[0] || code || String(error)
}

async function within<T>(timeoutMs: number, attempt: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs)
  })
  try {
    return await Promise.race([attempt, timeout])
  } finally {
    clearTimeout(timer)
  }
}

export const probePostgres: Probe = async (url, timeoutMs) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs })
  client.on('error', () => {})
  try {
    await within(timeoutMs, client.connect().then(() => client.query('SELECT 1')))
    return null
  } catch (error) {
    // The server answered; the database itself is created by `npm start` before migrating.
    if ((error as { code?: string }).code === '3D000') return null
    return reasonOf(error)
  } finally {
    client.end().catch(() => {})
  }
}

export const probeRedis: Probe = async (url, timeoutMs) => {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false })
  // ioredis rejects connect() with a bare "Connection is closed."; the socket error says why.
  let socketError: unknown
  redis.on('error', (error) => { socketError ??= error })
  try {
    await within(timeoutMs, redis.connect().then(() => redis.ping()))
    return null
  } catch (error) {
    const reason = reasonOf(socketError ?? error)
    return reason.startsWith('Protocol error') ? 'something other than Redis answered on that port' : reason
  } finally {
    redis.disconnect()
  }
}

export const probeRabbit: Probe = async (url, timeoutMs) => {
  try {
    const connection = await within(timeoutMs, connectAmqp(url, { timeout: timeoutMs }))
    await connection.close()
    return null
  } catch (error) {
    return reasonOf(error)
  }
}

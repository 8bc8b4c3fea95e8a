// This web process's list of recently disabled accounts (server/domain/accounts/disabled-users.ts):
// filled at boot from PostgreSQL (accounts disabled within one access-token lifetime) and kept current
// over Redis pub/sub, so disabling through any instance ends the account's sessions on all of them.
// If Redis is down, an instance that missed the message falls back to the token's own expiry (≤ 15 min).
import { Redis } from 'ioredis'
import { DisabledUsers } from '../domain/accounts/disabled-users.ts'
import { ACCESS_TOKEN_TTL_SECONDS } from '../domain/accounts/access-tokens.ts'
import { ACCOUNT_STATUS_CHANNEL, type AccountStatusMessage } from '../messaging/jobs.ts'
import { config } from '../config/env.ts'
import { useDb } from './db.ts'
import { useLogger } from '../observability/logger.ts'
import { useRedis } from './redis.ts'

const disabledUsers = new DisabledUsers()
let subscriber: Redis | undefined

function warn(msg: string, err: unknown) {
  useLogger().warn({ err: (err as Error)?.message }, msg)
}

function apply(message: AccountStatusMessage): void {
  if (message.disabledAt) disabledUsers.disable(message.userId, new Date(message.disabledAt))
  else disabledUsers.enable(message.userId)
}

export function isDisabledUser(userId: string): boolean {
  return disabledUsers.has(userId)
}

/** After an admin changed an account: here at once, on the other instances when they hear it. */
export async function announceAccountStatus(userId: string, disabledAt: string | null): Promise<void> {
  const message: AccountStatusMessage = { userId, disabledAt }
  apply(message)
  try {
    await useRedis().publish(ACCOUNT_STATUS_CHANNEL, JSON.stringify(message))
  } catch (err) {
    warn('account status announcement skipped', err)
  }
}

/** Subscribes, then loads the accounts disabled recently enough for their tokens to be alive. */
export async function startDisabledUsers(): Promise<void> {
  if (subscriber) return
  subscriber = new Redis(config().redisUrl, { maxRetriesPerRequest: null })
  subscriber.on('error', () => { /* reconnects by itself; the fallback is the token's expiry */ })
  subscriber.on('message', (_channel: string, raw: string) => {
    try {
      const message = JSON.parse(raw) as AccountStatusMessage
      if (typeof message.userId === 'string') apply(message)
    } catch { /* not ours */ }
  })
  await subscriber.subscribe(ACCOUNT_STATUS_CHANNEL).catch(err => warn('account status subscribe failed', err))
  try {
    const since = new Date(Date.now() - ACCESS_TOKEN_TTL_SECONDS * 1000)
    const recent = await useDb().user.findMany({ where: { disabledAt: { gt: since } }, select: { id: true, disabledAt: true } })
    for (const user of recent) disabledUsers.disable(user.id, user.disabledAt!)
  } catch (err) {
    warn('could not load recently disabled accounts', err)
  }
}

export async function stopDisabledUsers(): Promise<void> {
  const closing = subscriber
  subscriber = undefined
  await closing?.quit().catch(() => closing.disconnect())
}

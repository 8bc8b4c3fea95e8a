// This web process's list of recently disabled accounts (server/domain/accounts/disabled-users.ts):
// filled at boot from PostgreSQL (accounts disabled within one access-token lifetime) and kept current
// over the pub/sub bus, so disabling through any instance ends the account's sessions on all of them
// (AfterCommit.accountStatusChanged). If Redis is down, an instance that missed the message falls
// back to the token's own expiry (≤ 15 min).
import { DisabledUsers } from '../domain/accounts/disabled-users.ts'
import { ACCESS_TOKEN_TTL_SECONDS } from '../domain/accounts/access-tokens.ts'
import { TOPICS } from '../messaging/pubsub.ts'
import { useDb } from './db.ts'
import { useLogger } from '../observability/logger.ts'
import { usePubSub } from './pubsub.ts'

const disabledUsers = new DisabledUsers()
let listening: (() => void) | undefined

/** Applies a change here, at once: the web adapter of AfterCommit calls it, and so does the bus. */
export function applyAccountStatus(userId: string, disabledAt: Date | null): void {
  if (disabledAt) disabledUsers.disable(userId, disabledAt)
  else disabledUsers.enable(userId)
}

export function isDisabledUser(userId: string): boolean {
  return disabledUsers.has(userId)
}

/** Listens, then loads the accounts disabled recently enough for their tokens to be alive. */
export async function startDisabledUsers(): Promise<void> {
  if (listening) return
  const bus = usePubSub()
  listening = bus.on(TOPICS.accountStatus, m => applyAccountStatus(m.userId, m.disabledAt ? new Date(m.disabledAt) : null))
  await bus.subscribed(TOPICS.accountStatus)
  try {
    const since = new Date(Date.now() - ACCESS_TOKEN_TTL_SECONDS * 1000)
    const recent = await useDb().user.findMany({ where: { disabledAt: { gt: since } }, select: { id: true, disabledAt: true } })
    for (const user of recent) disabledUsers.disable(user.id, user.disabledAt!)
  } catch (err) {
    useLogger().warn({ err: (err as Error).message }, 'could not load recently disabled accounts')
  }
}

export function stopDisabledUsers(): void {
  listening?.()
  listening = undefined
}

// The AfterCommit port (server/domain/ports.ts) over Redis pub/sub and BullMQ — the only
// implementation. The web process (server/utils/after-commit.ts) and the workers
// (workers/runtime/after-commit.ts) build it from their own connections; what differs between
// them is only what they have locally (a refusal memo and a disabled-accounts list in the web).
import type { Queue } from 'bullmq'
import type { Db } from '../db/client.ts'
import type { AfterCommit, LogLike, PlaceChange } from '../domain/ports.ts'
import { offerToWaitlist } from '../domain/waitlist/offers.ts'
import { scheduleHoldExpiryJob } from '../messaging/hold-expiry-queue.ts'
import type { HoldExpiryJob } from '../messaging/jobs.ts'
import { TOPICS, announceAvailability, publish, type Publisher } from '../messaging/pubsub.ts'

interface AfterCommitDeps {
  db: Db
  /** Redis for pub/sub; commands should fail fast while it is down. */
  redis: Publisher
  holdExpiryQueue: () => Queue<HoldExpiryJob>
  log: LogLike
  /** Called at once when places of an event are freed (this process's refusal memo forgets it). */
  onPlacesFreed?: (eventId: string) => void
  /** Called at once when an account's status changes (this process's disabled-accounts list). */
  onAccountStatus?: (userId: string, disabledAt: Date | null) => void
  /** Called at once when an event's waiting room changed (this process's room directory). */
  onWaitingRoomChanged?: (eventId: string) => void | Promise<void>
  /** Called at once when places or the public face of an event changed (this process's read cache). */
  onEventRead?: (eventId: string) => void
  /** Called at once when the public face of an event changed, not its places (this process's page cache). */
  onEventFace?: (eventId: string) => void
}

export function createAfterCommit(deps: AfterCommitDeps): AfterCommit {
  const { db, redis, log } = deps

  const nudge = async (what: string, fields: object, effect: () => Promise<unknown>): Promise<void> => {
    try {
      await effect()
    } catch (err) {
      log.warn({ ...fields, err: (err as Error)?.message }, `${what} skipped`)
    }
  }

  const effects: AfterCommit = {
    async placesChanged(eventId: string, changes: PlaceChange[]) {
      if (changes.length === 0) return
      deps.onEventRead?.(eventId)
      const freed = changes.some(c => c.status === 'AVAILABLE')
      // This process forgets at once; the other instances forget when the announcement reaches them.
      if (freed) deps.onPlacesFreed?.(eventId)
      await nudge('availability announcement', { eventId }, () => announceAvailability(redis, eventId, changes))
      // Freed places go to the waitlist first. offerToWaitlist reports its offers back through
      // placesChanged (HELD only), which ends the recursion.
      if (freed) await nudge('waitlist offer', { eventId }, () => offerToWaitlist(db, effects, eventId))
    },

    scheduleHoldExpiry(holdId: string, expiresAt: Date) {
      return nudge('hold expiry job', { holdId }, () => scheduleHoldExpiryJob(deps.holdExpiryQueue(), holdId, expiresAt))
    },

    async accountStatusChanged(userId: string, disabledAt: Date | null) {
      deps.onAccountStatus?.(userId, disabledAt)
      await nudge('account status announcement', { userId }, () =>
        publish(redis, TOPICS.accountStatus, { userId, disabledAt: disabledAt?.toISOString() ?? null }))
    },

    notificationStored(message) {
      return nudge('live push', { notificationId: message.notification.id }, () => publish(redis, TOPICS.notifications, message))
    },

    async waitingRoomChanged(eventId: string) {
      await deps.onWaitingRoomChanged?.(eventId)
      deps.onEventRead?.(eventId)
      deps.onEventFace?.(eventId)
      await nudge('waiting room announcement', { eventId }, () => publish(redis, TOPICS.queueRoom, { eventId }))
    },

    async eventChanged(eventId: string) {
      deps.onEventRead?.(eventId)
      deps.onEventFace?.(eventId)
      await nudge('event change announcement', { eventId }, () => publish(redis, TOPICS.eventChanged, { eventId }))
    },
  }
  return effects
}

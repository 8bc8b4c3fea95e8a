// The web process's adapter of the AfterCommit port (server/domain/ports.ts): the one
// implementation in server/adapters/after-commit.ts on this process's connections, plus what only
// a web process has — its refusal memo, which forgets freed places at once, and its list of
// disabled accounts, updated at once (other instances hear it over Redis).
import type { Queue } from 'bullmq'
import { createAfterCommit } from '../adapters/after-commit.ts'
import { config } from '../config/env.ts'
import type { AfterCommit } from '../domain/ports.ts'
import { createHoldExpiryQueue } from '../messaging/hold-expiry-queue.ts'
import type { HoldExpiryJob } from '../messaging/jobs.ts'
import { useDb } from './db.ts'
import { applyAccountStatus } from './disabled-users.ts'
import { useLogger } from '../observability/logger.ts'
import { useBullConnection, useRedis } from './redis.ts'
import { forgetEventPages, forgetEventReads } from './read-cache.ts'
import { useRefusalMemo } from './refusal-memo.ts'
import { useWaitingRooms } from './waiting-room-directory.ts'

let effects: AfterCommit | undefined
let holdExpiryQueue: Queue<HoldExpiryJob> | undefined

export function useAfterCommit(): AfterCommit {
  effects ??= createAfterCommit({
    db: useDb(),
    redis: useRedis(),
    holdExpiryQueue: () => (holdExpiryQueue ??= createHoldExpiryQueue(useBullConnection(), config().bullPrefix)),
    log: useLogger(),
    onPlacesFreed: eventId => useRefusalMemo()?.forgetEvent(eventId),
    onAccountStatus: applyAccountStatus,
    onWaitingRoomChanged: eventId => useWaitingRooms().reload(eventId),
    onEventRead: forgetEventReads,
    onEventFace: forgetEventPages,
  })
  return effects
}

/** Closes the hold-expiry queue on shutdown (its connection is closed with the others). */
export async function closeAfterCommit(): Promise<void> {
  const queue = holdExpiryQueue
  holdExpiryQueue = undefined
  effects = undefined
  await queue?.close().catch(() => {})
}

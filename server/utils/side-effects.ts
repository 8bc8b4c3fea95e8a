// Best-effort nudges after a commit: schedule the expiry job, tell other web instances the map
// changed. Neither may fail a request — PostgreSQL already holds the truth, lazy expiry and the
// periodic sweep cover a lost job, and live views catch up on their next message.
import type { Queue } from 'bullmq'
import { config } from '../config/env.ts'
import { publishAvailability, type PlaceChange } from '../messaging/availability.ts'
import { createHoldExpiryQueue, scheduleHoldExpiryJob } from '../messaging/hold-expiry-queue.ts'
import type { HoldExpiryJob } from '../messaging/jobs.ts'
import { useBullConnection, useRedis } from './redis.ts'
import { useRefusalMemo } from './refusal-memo.ts'

export type { PlaceChange }

let holdExpiryQueue: Queue<HoldExpiryJob> | undefined

function warn(what: string, err: unknown) {
  console.warn(JSON.stringify({ level: 'warn', msg: `${what} skipped`, err: (err as Error)?.message }))
}

export async function scheduleHoldExpiry(holdId: string, expiresAt: Date): Promise<void> {
  try {
    holdExpiryQueue ??= createHoldExpiryQueue(useBullConnection(), config().bullPrefix)
    await scheduleHoldExpiryJob(holdExpiryQueue, holdId, expiresAt)
  } catch (err) {
    warn('hold expiry job', err)
  }
}

export async function announceAvailability(eventId: string, changes: PlaceChange[]): Promise<void> {
  // This process forgets at once; other instances forget when the announcement reaches them.
  if (changes.some(c => c.status === 'AVAILABLE')) useRefusalMemo()?.forgetEvent(eventId)
  try {
    await publishAvailability(useRedis(), eventId, changes)
  } catch (err) {
    warn('availability announcement', err)
  }
}

// Best-effort nudges after a commit: schedule the expiry job, tell other web instances the map
// changed. Neither may fail a request — PostgreSQL already holds the truth, lazy expiry and the
// periodic sweep cover a lost job, and live views catch up on their next message.
import { Queue } from 'bullmq'
import { JOB_QUEUES, availabilityChannel, holdExpiryJobId, type HoldExpiryJob } from '../messaging/jobs.ts'
import { useBullConnection, useRedis } from './redis.ts'

let holdExpiryQueue: Queue<HoldExpiryJob> | undefined

function warn(what: string, err: unknown) {
  console.warn(JSON.stringify({ level: 'warn', msg: `${what} skipped`, err: (err as Error)?.message }))
}

export async function scheduleHoldExpiry(holdId: string, expiresAt: Date): Promise<void> {
  try {
    holdExpiryQueue ??= new Queue<HoldExpiryJob>(JOB_QUEUES.holdExpiry, { connection: useBullConnection() })
    await holdExpiryQueue.add('expire', { holdId }, {
      jobId: holdExpiryJobId(holdId, expiresAt),
      delay: Math.max(0, expiresAt.getTime() - Date.now()) + 250,
      removeOnComplete: 1000,
      removeOnFail: 1000,
    })
  } catch (err) {
    warn('hold expiry job', err)
  }
}

export interface PlaceChange {
  placeId: string
  status: 'AVAILABLE' | 'HELD' | 'BOOKED'
}

export async function announceAvailability(eventId: string, changes: PlaceChange[]): Promise<void> {
  try {
    await useRedis().publish(availabilityChannel(eventId), JSON.stringify({ eventId, changes, at: Date.now() }))
  } catch (err) {
    warn('availability announcement', err)
  }
}

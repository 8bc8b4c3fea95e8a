// Scheduling the hold-expiry job, shared by the web process (after a hold or an offer is made) and
// the cleanup worker (after it offers freed places to the waitlist). Framework-free.
import { Queue, type ConnectionOptions } from 'bullmq'
import { JOB_QUEUES, holdExpiryJobId, type HoldExpiryJob } from './jobs.ts'

/** Runs the job just after the hold's end, so expireHolds finds it due. */
const AFTER_EXPIRY_MS = 250

export function createHoldExpiryQueue(connection: ConnectionOptions, prefix: string): Queue<HoldExpiryJob> {
  return new Queue<HoldExpiryJob>(JOB_QUEUES.holdExpiry, { connection, prefix })
}

/** One delayed job per hold and expiry time: scheduling the same thing twice is a no-op. */
export async function scheduleHoldExpiryJob(queue: Queue<HoldExpiryJob>, holdId: string, expiresAt: Date): Promise<void> {
  await queue.add('expire', { holdId }, {
    jobId: holdExpiryJobId(holdId, expiresAt),
    delay: Math.max(0, expiresAt.getTime() - Date.now()) + AFTER_EXPIRY_MS,
    removeOnComplete: 1000,
    removeOnFail: 1000,
  })
}

// BullMQ queues and job names, defined once. Jobs only tidy up or nudge: each job's effect is
// idempotent and also reached by a periodic sweep, so a lost Redis loses no obligation.
export const JOB_QUEUES = {
  /** Releases a hold at its expiry and emits hold.expired; a lapsed waitlist offer is a hold too, so this moves the offer on. */
  holdExpiry: 'hold-expiry',
  /** The 24-hour reminder before an event. */
  reminders: 'reminders',
} as const

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES]

export interface HoldExpiryJob {
  holdId: string
}

/** Stable job ids make scheduling the same thing twice a no-op. */
export function holdExpiryJobId(holdId: string, expiresAt: Date): string {
  return `hold-${holdId}-${expiresAt.getTime()}`
}

/** Redis pub/sub channel on which web instances hear that an event's places changed. */
export function availabilityChannel(eventId: string): string {
  return `bookify:availability:${eventId}`
}
export const AVAILABILITY_CHANNEL_PATTERN = 'bookify:availability:*'

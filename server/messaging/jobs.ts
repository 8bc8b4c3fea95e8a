// BullMQ queues and job names, defined once. Jobs only tidy up or nudge: each job's effect is
// idempotent and also reached by a periodic sweep, so a lost Redis loses no obligation.
export const JOB_QUEUES = {
  /** Releases a hold at its expiry and emits hold.expired; a lapsed waitlist offer is a hold too, so this moves the offer on. */
  holdExpiry: 'hold-expiry',
  /** The 24-hour reminder before an event. */
  reminders: 'reminders',
  /** One attempt at a webhook delivery (now, or after its back-off); webhook_deliveries holds the truth. */
  webhookDeliveries: 'webhook-deliveries',
} as const

export type JobQueueName = (typeof JOB_QUEUES)[keyof typeof JOB_QUEUES]

export interface HoldExpiryJob {
  holdId: string
}

/** Stable job ids make scheduling the same thing twice a no-op. */
export function holdExpiryJobId(holdId: string, expiresAt: Date): string {
  return `hold-${holdId}-${expiresAt.getTime()}`
}

export interface ReminderJob {
  bookingId: string
  /** The event start the reminder was planned for (ISO); a moved event makes the job a no-op. */
  startsAt: string
}

/** How long before an event its reminder goes out. */
export const REMINDER_LEAD_MS = 24 * 3_600_000

/** One job per booking and event start: re-adding it is a no-op, a moved event gets a new id. */
export function reminderJobId(bookingId: string, startsAt: Date): string {
  return `reminder-${bookingId}-${startsAt.getTime()}`
}

export interface WebhookDeliveryJob {
  deliveryId: string
}

/** One job per delivery and attempt: the sweep re-adding a job still queued is a no-op. */
export function webhookDeliveryJobId(deliveryId: string, attempt: number): string {
  return `webhook-${deliveryId}-${attempt}`
}

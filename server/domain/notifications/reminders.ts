// The 24-hour reminder is a BullMQ delayed job per (booking, event start). Scheduling the same one
// twice is a no-op (stable job id); when an event moves, the booking's old jobs are removed and a
// new one added. The job itself re-checks the booking and the start time, so a job that escaped
// removal (or a lost Redis) can never remind about the wrong time: jobs only nudge.
import { REMINDER_LEAD_MS, reminderJobId, type ReminderJob } from '../../messaging/jobs.ts'

const REMINDER_JOB_NAME = 'remind'

interface ReminderPlan {
  jobId: string
  delay: number
  data: ReminderJob
}

/** The reminder for a booking of an event starting at `startsAt`, or null when its time has passed. */
export function planReminder(bookingId: string, startsAt: Date, now = new Date()): ReminderPlan | null {
  const delay = startsAt.getTime() - REMINDER_LEAD_MS - now.getTime()
  if (delay <= 0) return null
  return { jobId: reminderJobId(bookingId, startsAt), delay, data: { bookingId, startsAt: startsAt.toISOString() } }
}

/** Whether a reminder job still describes the booking as it is. */
export function reminderStillDue(job: ReminderJob, booking: { status: string, event: { status: string, startsAt: Date } } | null): boolean {
  return booking !== null && booking.status === 'CONFIRMED' && booking.event.status === 'PUBLISHED'
    && booking.event.startsAt.getTime() === Date.parse(job.startsAt)
}

interface DelayedJob {
  id?: string
  data: ReminderJob
  remove(): Promise<void>
}

/** The slice of a BullMQ Queue<ReminderJob> this module uses. */
export interface ReminderQueue {
  add(name: string, data: ReminderJob, opts: { jobId: string, delay: number, removeOnComplete: number, removeOnFail: number }): Promise<unknown>
  getDelayed(start?: number, end?: number): Promise<DelayedJob[]>
}

export async function scheduleReminder(queue: ReminderQueue, bookingId: string, startsAt: Date, now = new Date()): Promise<ReminderPlan | null> {
  const plan = planReminder(bookingId, startsAt, now)
  if (plan) await queue.add(REMINDER_JOB_NAME, plan.data, { jobId: plan.jobId, delay: plan.delay, removeOnComplete: 1000, removeOnFail: 1000 })
  return plan
}

const PAGE = 500

/** Removes the bookings' delayed reminders, except those in `keep`; returns the ids removed. */
export async function removeReminders(queue: ReminderQueue, bookingIds: Iterable<string>, keep: Set<string> = new Set()): Promise<string[]> {
  const wanted = new Set(bookingIds)
  const stale: DelayedJob[] = []
  for (let start = 0; ; start += PAGE) {
    const page = await queue.getDelayed(start, start + PAGE - 1)
    stale.push(...page.filter(job => wanted.has(job.data?.bookingId) && !keep.has(job.id ?? '')))
    if (page.length < PAGE) break
  }
  // Removing while paging would shift the pages; remove once the scan is done.
  for (const job of stale) await job.remove()
  return stale.map(job => job.id ?? '')
}

/** An event moved: each booking gets the reminder for the new start, and loses the old ones. */
export async function rescheduleReminders(queue: ReminderQueue, bookingIds: string[], startsAt: Date, now = new Date()): Promise<{ removed: string[], added: string[] }> {
  const plans = bookingIds.map(id => planReminder(id, startsAt, now))
  const keep = new Set(plans.flatMap(p => p ? [p.jobId] : []))
  const removed = await removeReminders(queue, bookingIds, keep)
  for (const id of bookingIds) await scheduleReminder(queue, id, startsAt, now)
  return { removed, added: [...keep] }
}

// Re-adds the reminders of the coming days (at worker start and hourly), so a lost Redis or a failed
// scheduling loses no reminder. Stable job ids make this a no-op for jobs already there.
import type { Db } from '../../db/client.ts'
import { REMINDER_LEAD_MS } from '../../messaging/jobs.ts'
import { scheduleReminder, type ReminderQueue } from './reminders.ts'

const REMINDER_SWEEP_HORIZON_MS = 8 * 86_400_000

export async function scheduleUpcomingReminders(db: Db, queue: ReminderQueue, now = new Date(), horizonMs = REMINDER_SWEEP_HORIZON_MS): Promise<number> {
  const bookings = await db.booking.findMany({
    where: { status: 'CONFIRMED', event: { status: 'PUBLISHED', startsAt: { gt: new Date(now.getTime() + REMINDER_LEAD_MS), lte: new Date(now.getTime() + horizonMs) } } },
    select: { id: true, event: { select: { startsAt: true } } },
  })
  let scheduled = 0
  for (const b of bookings) if (await scheduleReminder(queue, b.id, b.event.startsAt, now)) scheduled++
  return scheduled
}

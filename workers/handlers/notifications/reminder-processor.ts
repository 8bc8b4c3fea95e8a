// Processes a BullMQ reminder job: the notice is deduplicated on the job id, so a retried job (or
// one re-added by the sweep after it ran) notifies once.
import type { Db } from '../../../server/db/client.ts'
import type { ReminderJob } from '../../../server/messaging/jobs.ts'
import type { LogLike, NotifyDeps } from '../../../server/domain/notifications/notice.ts'
import { notifyReminder } from '../../../server/domain/notifications/notify-booking.ts'

export function reminderProcessor(deps: Omit<NotifyDeps, 'db' | 'log'> & { db: Db, log: LogLike }) {
  return async function process(job: { id?: string, data: ReminderJob }): Promise<{ sent: boolean }> {
    const sourceId = job.id ?? `reminder-${job.data.bookingId}-${Date.parse(job.data.startsAt)}`
    const sent = await notifyReminder(deps, { sourceId, runTx: fn => deps.db.$transaction(fn) }, job.data)
    deps.log.info({ jobId: sourceId, bookingId: job.data.bookingId, sent }, sent ? 'reminder sent' : 'reminder no longer due')
    return { sent }
  }
}

import { describe, expect, it } from 'vitest'
import { reminderJobId, type ReminderJob } from '../../server/messaging/jobs.ts'
import { planReminder, reminderStillDue, rescheduleReminders, scheduleReminder, type ReminderQueue } from '../../server/domain/notifications/reminders.ts'

const HOUR = 3_600_000
const now = new Date('2027-03-01T12:00:00Z')
const startsAt = new Date('2027-03-10T19:00:00Z')
const moved = new Date('2027-03-11T19:00:00Z')

/** An in-memory stand-in for the Queue: delayed jobs by id; adding an existing id does nothing, like BullMQ. */
function fakeQueue(): ReminderQueue & { jobs: Map<string, { data: ReminderJob, delay: number }> } {
  const jobs = new Map<string, { data: ReminderJob, delay: number }>()
  return {
    jobs,
    async add(_name, data, opts) {
      if (!jobs.has(opts.jobId)) jobs.set(opts.jobId, { data, delay: opts.delay })
    },
    async getDelayed(start = 0, end = -1) {
      const all = [...jobs].map(([id, job]) => ({ id, data: job.data, remove: async () => { jobs.delete(id) } }))
      return all.slice(start, end < 0 ? undefined : end + 1)
    },
  }
}

describe('reminder planning', () => {
  it('plans the job 24 h before the start, with an id per booking and start', () => {
    const plan = planReminder('b1', startsAt, now)!
    expect(plan.jobId).toBe(`reminder-b1-${startsAt.getTime()}`)
    expect(plan.delay).toBe(startsAt.getTime() - 24 * HOUR - now.getTime())
    expect(plan.data).toEqual({ bookingId: 'b1', startsAt: startsAt.toISOString() })
    expect(reminderJobId('b1', moved)).not.toBe(plan.jobId)
  })

  it.each([
    ['the reminder time has passed', new Date(now.getTime() + 23 * HOUR)],
    ['the event has started', new Date(now.getTime() - HOUR)],
  ])('plans nothing when %s', (_why, at) => {
    expect(planReminder('b1', at, now)).toBeNull()
  })

  it('re-checks the booking and the start when the job runs', () => {
    const job = { bookingId: 'b1', startsAt: startsAt.toISOString() }
    const booking = (status: string, eventStatus: string, at: Date) => ({ status, event: { status: eventStatus, startsAt: at } })
    expect(reminderStillDue(job, booking('CONFIRMED', 'PUBLISHED', startsAt))).toBe(true)
    expect(reminderStillDue(job, booking('CANCELLED', 'PUBLISHED', startsAt))).toBe(false)
    expect(reminderStillDue(job, booking('CONFIRMED', 'CANCELLED', startsAt))).toBe(false)
    expect(reminderStillDue(job, booking('CONFIRMED', 'PUBLISHED', moved))).toBe(false)
    expect(reminderStillDue(job, null)).toBe(false)
  })
})

describe('reminder rescheduling', () => {
  it('scheduling twice keeps one job', async () => {
    const queue = fakeQueue()
    await scheduleReminder(queue, 'b1', startsAt, now)
    await scheduleReminder(queue, 'b1', startsAt, now)
    expect([...queue.jobs.keys()]).toEqual([reminderJobId('b1', startsAt)])
  })

  it('a moved event replaces each booking\'s job and leaves other bookings alone', async () => {
    const queue = fakeQueue()
    for (const id of ['b1', 'b2', 'other']) await scheduleReminder(queue, id, startsAt, now)
    const { removed, added } = await rescheduleReminders(queue, ['b1', 'b2'], moved, now)
    expect(removed.sort()).toEqual([reminderJobId('b1', startsAt), reminderJobId('b2', startsAt)].sort())
    expect(added.sort()).toEqual([reminderJobId('b1', moved), reminderJobId('b2', moved)].sort())
    expect([...queue.jobs.keys()].sort()).toEqual([reminderJobId('b1', moved), reminderJobId('b2', moved), reminderJobId('other', startsAt)].sort())
  })

  it('rescheduling to the same start changes nothing', async () => {
    const queue = fakeQueue()
    await scheduleReminder(queue, 'b1', startsAt, now)
    const { removed } = await rescheduleReminders(queue, ['b1'], startsAt, now)
    expect(removed).toEqual([])
    expect([...queue.jobs.keys()]).toEqual([reminderJobId('b1', startsAt)])
  })

  it('an event moved to within 24 hours only loses its old reminder', async () => {
    const queue = fakeQueue()
    await scheduleReminder(queue, 'b1', startsAt, now)
    await rescheduleReminders(queue, ['b1'], new Date(now.getTime() + 2 * HOUR), now)
    expect(queue.jobs.size).toBe(0)
  })
})

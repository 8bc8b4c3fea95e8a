// End to end through RabbitMQ: the real relay and notifications worker processes (in this file's
// own vhost and BullMQ prefix) turn a booking made through the API into an in-app notification and
// an e-mail with the .ics, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reminderJobId } from '../../server/messaging/jobs.ts'
import { api, baseUrl } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { decodePart, mimeParts } from '../support/fake-smtp.ts'
import { startNotificationsWorld, type NotificationsWorld } from '../support/notifications-world.ts'
import { eventually } from '../support/workers.ts'

let world: NotificationsWorld

beforeAll(async () => {
  world = await startNotificationsWorld()
})

afterAll(() => world?.stop())

describe('notifications worker', () => {
  it('a confirmed booking reaches the user as a notification and one e-mail with the .ics', async () => {
    const [organiser, me] = await createUsers(2) as [TestUser, TestUser]
    const event = await createPublishedEvent(organiser.id, [{ name: 'GA', kind: 'GA', capacity: 10, priceCents: 1000 }], { startsInDays: 5 })
    const hold = await api('POST', '/api/holds', { token: me.token, body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } })
    const booking = (await api('POST', '/api/bookings', { token: me.token, body: { holdId: hold.body.id } })).body
    const { email } = await testDb().user.findUniqueOrThrow({ where: { id: me.id } })

    const mail = await eventually(async () => world.smtp.mails.find(m => m.to.includes(email)), 15_000, 'the booking e-mail')
    const ics = decodePart(mimeParts(mail.raw).find(p => /^text\/calendar/i.test(p.headers['content-type'] ?? ''))!)
    expect(ics).toContain(`UID:${event.id}@bookify`)
    const list = await eventually(async () => {
      const res = await api('GET', '/api/notifications', { token: me.token })
      return res.body.total > 0 && res.body
    }, 10_000, 'the in-app notification')
    expect(list.items).toEqual([expect.objectContaining({ kind: 'booking.confirmed', link: `${baseUrl()}/bookings/${booking.id}` })])

    await world.notifications.waitForLog(line => line.msg === 'message ok' && line.type === 'booking.confirmed' && line.messageId !== undefined
      && world.smtp.mails.filter(m => m.to.includes(email)).length === 1)
    const { startsAt } = await testDb().event.findUniqueOrThrow({ where: { id: event.id } })
    const reminders = world.remindersQueue()
    try {
      expect(await reminders.queue.getJob(reminderJobId(booking.id, startsAt))).toBeDefined()
    } finally {
      await reminders.close()
    }
    // Nothing arrives twice: a second copy would have been handled before the marker behind it.
    await world.passMarker()
    expect(world.smtp.mails.filter(m => m.to.includes(email))).toHaveLength(1)
    expect(await testDb().notification.count({ where: { userId: me.id } })).toBe(1)
  })
})

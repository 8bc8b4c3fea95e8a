// Notifications: handlers driven with envelopes built from the outbox rows the real API wrote, a
// real SMTP server capturing the e-mails, the list/read API, and the live stream over Redis.
import { randomBytes } from 'node:crypto'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { JOB_QUEUES, reminderJobId, type ReminderJob } from '../../server/messaging/jobs.ts'
import { testAfterCommit, type TestAfterCommit } from '../support/after-commit.ts'
import { createMailer, type Mailer } from '../../server/domain/notifications/mailer.ts'
import { EMAIL_CONSUMER } from '../../server/domain/notifications/email-once.ts'
import { notificationHandlers, type NotificationServices } from '../../workers/handlers/notifications/notification-handlers.ts'
import { reminderProcessor } from '../../workers/handlers/notifications/reminder-processor.ts'
import { api, baseUrl } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestEvent, type TestUser } from '../support/fixtures.ts'
import { PDFParse } from 'pdf-parse'
import { decodePart, headerOf, mimeParts, startFakeSmtp, type FakeSmtp } from '../support/fake-smtp.ts'
import { bareTools, crashingTools, dispatcher, outboxEnvelope, quietLog, runtimeTools } from '../support/message-tools.ts'

let smtp: FakeSmtp
let mailer: Mailer
let redis: Redis
let reminders: Queue<ReminderJob>
let services: NotificationServices
let after: TestAfterCommit
let handle: ReturnType<typeof dispatcher>
let organiser: TestUser
let event: TestEvent
let nextSeat = 0

beforeAll(async () => {
  smtp = await startFakeSmtp()
  mailer = createMailer({ smtpUrl: smtp.url, mailDir: '/nonexistent', from: 'Bookify <no-reply@bookify.test>' })
  redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null })
  // A private BullMQ prefix: Redis is shared with other test runs.
  reminders = new Queue<ReminderJob>(JOB_QUEUES.reminders, { connection: redis, prefix: `bookify-test-${randomBytes(4).toString('hex')}` })
  after = testAfterCommit(testDb())
  services = { mailer, appUrl: baseUrl(), effects: after.effects, reminders }
  handle = dispatcher(notificationHandlers(services))
  ;[organiser] = await createUsers(1) as [TestUser]
  event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 4, seatsPerRow: 10, priceCents: 4500 }], { startsInDays: 10 })
})

afterAll(async () => {
  await reminders?.obliterate({ force: true }).catch(() => {})
  await reminders?.close()
  redis?.disconnect()
  await after?.close()
  mailer?.close()
  await smtp?.close()
})

async function book(user: TestUser, count = 1): Promise<{ id: string, reference: string }> {
  const seatIds = event.sections[0]!.placeIds.slice(nextSeat, nextSeat += count)
  const hold = await api('POST', '/api/holds', { token: user.token, body: { eventId: event.id, seatIds } })
  expect(hold.status).toBe(201)
  const booking = await api('POST', '/api/bookings', { token: user.token, body: { holdId: hold.body.id } })
  expect(booking.status).toBe(201)
  return booking.body
}

async function emailOf(userId: string) {
  return (await testDb().user.findUniqueOrThrow({ where: { id: userId } })).email
}

const mailsTo = (address: string) => smtp.mails.filter(m => m.to.includes(address))

describe('booking.confirmed', () => {
  it('stores a notification listed by the API and sends an e-mail with the .ics attached', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const booking = await book(me, 2)
    const message = await outboxEnvelope(testDb(), 'booking.confirmed', booking.id)
    await handle(message, runtimeTools(testDb(), 'notifications', message))

    const list = await api('GET', '/api/notifications', { token: me.token })
    expect(list.status).toBe(200)
    expect(list.body).toMatchObject({ page: 1, pageSize: 20, total: 1 })
    expect(list.body.items[0]).toMatchObject({
      kind: 'booking.confirmed', link: `${baseUrl()}/bookings/${booking.id}`, readAt: null,
      data: { bookingId: booking.id, eventId: event.id, reference: booking.reference },
    })
    expect(list.body.items[0].data.eventState).toBeUndefined()

    const [mail, ...others] = mailsTo(await emailOf(me.id))
    expect(others).toHaveLength(0)
    expect(headerOf(mail!.raw, 'subject')).toContain(booking.reference)
    const parts = mimeParts(mail!.raw)
    const calendar = parts.find(p => /^text\/calendar/i.test(p.headers['content-type'] ?? ''))
    expect(calendar, 'a text/calendar part').toBeDefined()
    const ics = decodePart(calendar!)
    expect(ics).toContain('BEGIN:VEVENT')
    expect(ics).toContain(`UID:${event.id}@bookify`)
    const html = decodePart(parts.find(p => /^text\/html/i.test(p.headers['content-type'] ?? ''))!)
    expect(html).toContain(`${baseUrl()}/bookings/${booking.id}`)
    const text = decodePart(parts.find(p => /^text\/plain/i.test(p.headers['content-type'] ?? ''))!)
    expect(text).toContain(booking.reference)
    // The tickets, printable: a PDF with a page per ticket and its code.
    const pdfPart = parts.find(p => /^application\/pdf/i.test(p.headers['content-type'] ?? ''))
    expect(pdfPart, 'the tickets PDF').toBeDefined()
    expect(pdfPart!.headers['content-disposition']).toContain(`bookify-tickets-${booking.reference}.pdf`)
    const pdf = new PDFParse({ data: new Uint8Array(Buffer.from(pdfPart!.body.replace(/\s+/g, ''), 'base64')) })
    const printed = await pdf.getText()
    await pdf.destroy()
    expect(printed.pages).toHaveLength(2)
    const codes = await testDb().ticket.findMany({ where: { bookingId: booking.id }, select: { code: true } })
    for (const { code } of codes) expect(printed.text).toContain(code)

    // The 24-hour reminder is scheduled for the event's current start.
    const { startsAt } = await testDb().event.findUniqueOrThrow({ where: { id: event.id } })
    const job = await reminders.getJob(reminderJobId(booking.id, startsAt))
    expect(job?.data).toEqual({ bookingId: booking.id, startsAt: startsAt.toISOString() })
  })

  it('a redelivery adds no second notification and sends no second e-mail, even after a crash before the commit', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const booking = await book(me)
    const message = await outboxEnvelope(testDb(), 'booking.confirmed', booking.id)
    // First attempt: the e-mail goes out, then the process "dies" before the commit.
    await expect(handle(message, crashingTools(testDb(), message))).rejects.toThrow(/simulated crash/)
    expect(mailsTo(await emailOf(me.id))).toHaveLength(1)
    expect(await testDb().notification.count({ where: { userId: me.id } })).toBe(0)
    // Redelivered: the notification is stored, the e-mail is not sent again.
    await handle(message, runtimeTools(testDb(), 'notifications', message))
    // And once more, as if the processed mark were missing: still nothing new.
    await handle(message, bareTools(testDb(), message))
    expect(await testDb().notification.count({ where: { userId: me.id, sourceId: message.id } })).toBe(1)
    expect(mailsTo(await emailOf(me.id))).toHaveLength(1)
    expect(await testDb().processedMessage.count({ where: { consumer: EMAIL_CONSUMER, messageId: { startsWith: message.id } } })).toBe(1)
  })

  it('respects the preferences: no in-app row without inApp, no e-mail without email', async () => {
    const [quiet, mailOnly] = await createUsers(2) as [TestUser, TestUser]
    await testDb().user.update({ where: { id: quiet.id }, data: { notificationPrefs: { email: false, inApp: false, reminders: false } } })
    await testDb().user.update({ where: { id: mailOnly.id }, data: { notificationPrefs: { email: true, inApp: false, reminders: true } } })
    for (const user of [quiet, mailOnly]) {
      const booking = await book(user)
      const message = await outboxEnvelope(testDb(), 'booking.confirmed', booking.id)
      await handle(message, runtimeTools(testDb(), 'notifications', message))
    }
    expect(await testDb().notification.count({ where: { userId: { in: [quiet.id, mailOnly.id] } } })).toBe(0)
    expect(mailsTo(await emailOf(quiet.id))).toHaveLength(0)
    expect(mailsTo(await emailOf(mailOnly.id))).toHaveLength(1)
  })
})

describe('booking.changed and booking.cancelled', () => {
  it('tells the holder, and the reminder job is a no-op once the booking is cancelled', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const booking = await book(me)
    const newSeat = event.sections[0]!.placeIds[nextSeat++]!
    expect((await api('PATCH', `/api/bookings/${booking.id}`, { token: me.token, body: { seatIds: [newSeat] } })).status).toBe(200)
    const changed = await outboxEnvelope(testDb(), 'booking.changed', booking.id)
    await handle(changed, runtimeTools(testDb(), 'notifications', changed))
    expect((await api('POST', `/api/bookings/${booking.id}/cancel`, { token: me.token })).status).toBe(200)
    const cancelled = await outboxEnvelope(testDb(), 'booking.cancelled', booking.id)
    await handle(cancelled, runtimeTools(testDb(), 'notifications', cancelled))

    const kinds = (await api('GET', '/api/notifications', { token: me.token })).body.items.map((n: { kind: string }) => n.kind)
    expect(kinds).toEqual(['booking.cancelled', 'booking.changed'])
    const { startsAt } = await testDb().event.findUniqueOrThrow({ where: { id: event.id } })
    const remind = reminderProcessor({ ...services, db: testDb(), log: quietLog })
    expect(await remind({ id: reminderJobId(booking.id, startsAt), data: { bookingId: booking.id, startsAt: startsAt.toISOString() } })).toEqual({ sent: false })
  })
})

describe('the reminder job', () => {
  it('sends once for a confirmed booking at the planned start, never for a moved one', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const booking = await book(me)
    const { startsAt } = await testDb().event.findUniqueOrThrow({ where: { id: event.id } })
    const remind = reminderProcessor({ ...services, db: testDb(), log: quietLog })
    const job = { id: reminderJobId(booking.id, startsAt), data: { bookingId: booking.id, startsAt: startsAt.toISOString() } }
    expect(await remind(job)).toEqual({ sent: true })
    expect(await remind(job)).toEqual({ sent: true }) // a retried job: deduplicated on its id
    expect(await remind({ id: 'stale', data: { bookingId: booking.id, startsAt: new Date(startsAt.getTime() - 3_600_000).toISOString() } })).toEqual({ sent: false })
    expect(await testDb().notification.count({ where: { userId: me.id, kind: 'reminder' } })).toBe(1)
    const mails = mailsTo(await emailOf(me.id)).filter(m => /Reminder/.test(headerOf(m.raw, 'subject') ?? ''))
    expect(mails).toHaveLength(1)
  })
})

describe('GET /api/notifications and POST /api/notifications/:id/read', () => {
  it('lists mine newest first, filters unread, marks read, and answers 404 for anyone else', async () => {
    const [me, other] = await createUsers(2) as [TestUser, TestUser]
    const first = await book(me)
    const second = await book(me)
    for (const b of [first, second]) {
      const message = await outboxEnvelope(testDb(), 'booking.confirmed', b.id)
      await handle(message, runtimeTools(testDb(), 'notifications', message))
    }
    const list = await api('GET', '/api/notifications?pageSize=1', { token: me.token })
    expect(list.body).toMatchObject({ total: 2, pageSize: 1 })
    expect(list.body.items[0].data.bookingId).toBe(second.id)
    const id = list.body.items[0].id

    expect((await api('POST', `/api/notifications/${id}/read`, { token: other.token })).status).toBe(404)
    expect((await api('POST', '/api/notifications/not-a-uuid/read', { token: me.token })).status).toBe(404)
    const read = await api('POST', `/api/notifications/${id}/read`, { token: me.token })
    expect(read.status).toBe(200)
    expect(read.body.readAt).toEqual(expect.any(String))
    const unread = await api('GET', '/api/notifications?unread=true', { token: me.token })
    expect(unread.body.total).toBe(1)
    expect(unread.body.items[0].data.bookingId).toBe(first.id)
    expect((await api('GET', '/api/notifications?pageSize=500', { token: me.token })).status).toBe(400)
    expect((await api('GET', '/api/notifications')).status).toBe(401)
  })
})

describe('event.updated and event.cancelled', () => {
  it('tells each holder once about a moved event, not about a cosmetic edit, and reschedules reminders', async () => {
    const [owner, holder] = await createUsers(2) as [TestUser, TestUser]
    const own = await createPublishedEvent(owner.id, [{ name: 'GA', kind: 'GA', capacity: 20, priceCents: 1000 }], { startsInDays: 10 })
    const hold = await api('POST', '/api/holds', { token: holder.token, body: { eventId: own.id, ga: [{ sectionId: own.sections[0]!.id, quantity: 2 }] } })
    const booking = (await api('POST', '/api/bookings', { token: holder.token, body: { holdId: hold.body.id } })).body
    const confirmed = await outboxEnvelope(testDb(), 'booking.confirmed', booking.id)
    await handle(confirmed, runtimeTools(testDb(), 'notifications', confirmed))
    const before = await testDb().event.findUniqueOrThrow({ where: { id: own.id } })

    // A title edit: announced, but not worth a notice.
    expect((await api('PATCH', `/api/events/${own.id}`, { token: owner.token, body: { title: 'Renamed' } })).status).toBe(200)
    const cosmetic = await outboxEnvelope(testDb(), 'event.updated', own.id)
    await handle(cosmetic, runtimeTools(testDb(), 'notifications', cosmetic))
    expect(await testDb().notification.count({ where: { userId: holder.id, kind: 'event.updated' } })).toBe(0)

    // The venue moves: worth a notice although the times did not change.
    expect((await api('PATCH', `/api/events/${own.id}`, { token: owner.token, body: { venue: { name: 'Bigger Hall' } } })).status).toBe(200)
    const venue = await outboxEnvelope(testDb(), 'event.updated', own.id)
    await handle(venue, runtimeTools(testDb(), 'notifications', venue))
    expect(await testDb().notification.count({ where: { userId: holder.id, kind: 'event.updated' } })).toBe(1)

    // The start moves by a day: a notice, and the reminder follows.
    const startsAt = new Date(before.startsAt.getTime() + 86_400_000)
    const endsAt = new Date(before.endsAt.getTime() + 86_400_000)
    expect((await api('PATCH', `/api/events/${own.id}`, { token: owner.token, body: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } })).status).toBe(200)
    const moved = await outboxEnvelope(testDb(), 'event.updated', own.id)
    expect(moved.data).toMatchObject({ timesChanged: true })
    await handle(moved, runtimeTools(testDb(), 'notifications', moved))
    expect(await testDb().notification.count({ where: { userId: holder.id, kind: 'event.updated' } })).toBe(2)
    expect(await reminders.getJob(reminderJobId(booking.id, before.startsAt))).toBeUndefined()
    expect((await reminders.getJob(reminderJobId(booking.id, startsAt)))?.data.startsAt).toBe(startsAt.toISOString())

    // Cancelled: one event.cancelled notice; the per-booking cancellation adds none of its own.
    expect((await api('POST', `/api/events/${own.id}/cancel`, { token: owner.token })).status).toBe(200)
    const bookingCancelled = await outboxEnvelope(testDb(), 'booking.cancelled', booking.id)
    await handle(bookingCancelled, runtimeTools(testDb(), 'notifications', bookingCancelled))
    const eventCancelled = await outboxEnvelope(testDb(), 'event.cancelled', own.id)
    await handle(eventCancelled, runtimeTools(testDb(), 'notifications', eventCancelled))
    const kinds = (await testDb().notification.findMany({ where: { userId: holder.id }, orderBy: { createdAt: 'asc' } })).map(n => n.kind)
    expect(kinds).toEqual(['booking.confirmed', 'event.updated', 'event.updated', 'event.cancelled'])
    expect(await reminders.getJob(reminderJobId(booking.id, startsAt))).toBeUndefined()
  })

  // Issue 15.16: the cancel releases the places of a running waitlist offer; its holder is told, like
  // the offer itself was (in the app and by e-mail). People still waiting had been promised nothing.
  it('tells the holder of a waitlist offer the cancel dropped, and nobody merely waiting', async () => {
    const [owner, buyer, other, offered, waiting] = await createUsers(5) as [TestUser, TestUser, TestUser, TestUser, TestUser]
    const small = await createPublishedEvent(owner.id, [{ name: 'GA', kind: 'GA', capacity: 2, priceCents: 1000 }], { startsInDays: 10 })
    const bookings = []
    for (const who of [buyer, other]) {
      const h = await api('POST', '/api/holds', { token: who.token, body: { eventId: small.id, ga: [{ sectionId: small.sections[0]!.id, quantity: 1 }] } })
      bookings.push((await api('POST', '/api/bookings', { token: who.token, body: { holdId: h.body.id } })).body)
    }
    for (const who of [offered, waiting]) expect((await api('POST', `/api/events/${small.id}/waitlist`, { token: who.token, body: { quantity: 1 } })).status).toBe(201)
    expect((await api('POST', `/api/bookings/${bookings[0].id}/cancel`, { token: buyer.token })).status).toBe(200)
    expect((await api('GET', `/api/events/${small.id}/waitlist/me`, { token: offered.token })).body.status).toBe('OFFERED')

    expect((await api('POST', `/api/events/${small.id}/cancel`, { token: owner.token })).status).toBe(200)
    const cancelled = await outboxEnvelope(testDb(), 'event.cancelled', small.id)
    await handle(cancelled, runtimeTools(testDb(), 'notifications', cancelled))

    const [notice, ...more] = (await api('GET', '/api/notifications', { token: offered.token })).body.items
    expect(more).toEqual([])
    expect(notice).toMatchObject({ kind: 'waitlist.withdrawn', link: `${baseUrl()}/events/${small.id}`, data: { eventId: small.id } })
    expect(notice.body).toContain('cancelled by its organiser')
    const [mail, ...again] = mailsTo(await emailOf(offered.id))
    expect(again).toEqual([])
    expect(headerOf(mail!.raw, 'subject')).toMatch(/is cancelled: your waitlist places are released$/)
    expect(decodePart(mimeParts(mail!.raw).find(p => /^text\/plain/i.test(p.headers['content-type'] ?? ''))!)).toContain('nothing to pay')

    expect((await api('GET', '/api/notifications', { token: waiting.token })).body.total).toBe(0)
    expect(mailsTo(await emailOf(waiting.id))).toEqual([])
    expect((await api('GET', '/api/notifications', { token: other.token })).body.items.map((n: { kind: string }) => n.kind)).toEqual(['event.cancelled'])

    // A redelivery (as if the processed mark were missing) tells nobody twice.
    await handle(cancelled, bareTools(testDb(), cancelled))
    expect(mailsTo(await emailOf(offered.id))).toHaveLength(1)
    expect(await testDb().notification.count({ where: { userId: offered.id } })).toBe(1)
  })
})

describe('user.registered and waitlist.offered', () => {
  it('welcomes a new user and tells a waiting user about an offer with its deadline', async () => {
    const email = `welcome-${randomBytes(4).toString('hex')}@example.test`
    const registered = await api('POST', '/api/auth/register', { body: { email, password: 'correct horse battery', name: 'Wendy <b>' } })
    expect(registered.status).toBe(201)
    const welcome = await outboxEnvelope(testDb(), 'user.registered', registered.body.user.id)
    await handle(welcome, runtimeTools(testDb(), 'notifications', welcome))
    const [mail] = mailsTo(email)
    expect(headerOf(mail!.raw, 'subject')).toBe('Welcome to Bookify')
    expect(decodePart(mimeParts(mail!.raw).find(p => /text\/html/.test(p.headers['content-type'] ?? ''))!)).toContain('Wendy &lt;b&gt;')

    // A waitlist offer, made the way the domain makes it (waitlist.offered with the hold it created).
    const [waiting] = await createUsers(1) as [TestUser]
    const [owner] = await createUsers(1) as [TestUser]
    const small = await createPublishedEvent(owner.id, [{ name: 'GA', kind: 'GA', capacity: 1, priceCents: 1000 }])
    const [buyer] = await createUsers(1) as [TestUser]
    const h = await api('POST', '/api/holds', { token: buyer.token, body: { eventId: small.id, ga: [{ sectionId: small.sections[0]!.id, quantity: 1 }] } })
    const sold = (await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: h.body.id } })).body
    expect((await api('POST', `/api/events/${small.id}/waitlist`, { token: waiting.token, body: { quantity: 1 } })).status).toBe(201)
    expect((await api('POST', `/api/bookings/${sold.id}/cancel`, { token: buyer.token })).status).toBe(200)
    const entry = await testDb().waitlistEntry.findFirstOrThrow({ where: { userId: waiting.id, eventId: small.id } })
    const offered = await outboxEnvelope(testDb(), 'waitlist.offered', entry.id)
    await handle(offered, runtimeTools(testDb(), 'notifications', offered))
    const [notice] = (await api('GET', '/api/notifications', { token: waiting.token })).body.items
    const { holdId } = offered.data as { holdId: string }
    expect(notice).toMatchObject({ kind: 'waitlist.offered', link: `${baseUrl()}/events/${small.id}?hold=${holdId}` })
    expect(notice.body).toMatch(/Confirm by .*(CET|CEST|GMT)/)
  })
})

describe('GET /api/notifications/stream', () => {
  it('pushes a new notification to the open stream within 2 seconds', async () => {
    const [me] = await createUsers(1) as [TestUser]
    const controller = new AbortController()
    const res = await fetch(`${baseUrl()}/api/notifications/stream`, { headers: { authorization: `Bearer ${me.token}`, accept: 'text/event-stream' }, signal: controller.signal })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    const nextEvent = async (name: string, timeoutMs: number) => {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const match = new RegExp(`event: ${name}\\n(?:id: .*\\n)?data: (.*)\\n\\n`).exec(buffer)
        if (match) {
          buffer = buffer.slice(match.index + match[0].length)
          return JSON.parse(match[1]!)
        }
        const left = deadline - Date.now()
        if (left <= 0) throw new Error(`no ${name} event within ${timeoutMs} ms; got ${JSON.stringify(buffer)}`)
        const chunk = await Promise.race([reader.read(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no ${name} event within ${timeoutMs} ms`)), left))])
        if (chunk.done) throw new Error('stream ended')
        buffer += chunk.value
      }
    }
    try {
      await nextEvent('ready', 5_000)
      const booking = await book(me)
      const message = await outboxEnvelope(testDb(), 'booking.confirmed', booking.id)
      const started = Date.now()
      await handle(message, runtimeTools(testDb(), 'notifications', message))
      const pushed = await nextEvent('notification', 2_000)
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(pushed).toMatchObject({ kind: 'booking.confirmed', data: { bookingId: booking.id } })
    } finally {
      controller.abort()
      await reader.cancel().catch(() => {})
    }
  })

  it('needs a signed-in user', async () => {
    expect((await api('GET', '/api/notifications/stream')).status).toBe(401)
  })
})

// RabbitMQ's app stopped while 100 bookings are made through the API, then started again: the real
// relay and notifications worker (in this file's own vhost and BullMQ prefix) deliver every
// booking-confirmed notice — one in-app notification and one e-mail per booking, none twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROUTING_KEYS } from '../../server/messaging/names.ts'
import { api, baseUrl, type Res } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { startNotificationsWorld, type NotificationsWorld } from '../support/notifications-world.ts'
import { rabbitApp } from '../support/rabbitmq.ts'
import { eventually } from '../support/workers.ts'

const BOOKINGS = 100
const CONCURRENCY = 10
let world: NotificationsWorld

beforeAll(async () => {
  world = await startNotificationsWorld()
})

afterAll(() => world?.stop())

/** Runs `fn` over `items`, at most `limit` at a time, results in the items' order. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }))
  return results
}

/** `rabbitmqctl stop_app`, `fn`, then always `start_app` (which waits until the broker is up). */
async function whileRabbitStopped<T>(fn: () => Promise<T>): Promise<T> {
  await rabbitApp('stop_app')
  try {
    return await fn()
  } finally {
    await rabbitApp('start_app')
  }
}

describe('RabbitMQ restart during bookings', () => {
  it('bookings made while RabbitMQ is stopped are all notified once it is back, none twice', { timeout: 180_000 }, async () => {
    const [organiser, ...customers] = await createUsers(BOOKINGS + 1) as [TestUser, ...TestUser[]]
    const event = await createPublishedEvent(organiser.id, [{ name: 'GA', kind: 'GA', capacity: BOOKINGS, priceCents: 1000 }], { startsInDays: 5 })
    const sectionId = event.sections[0]!.id
    const userIds = customers.map(u => u.id)
    const emails = new Map((await testDb().user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } })).map(u => [u.email.toLowerCase(), u.id]))
    expect(emails.size).toBe(BOOKINGS)

    const stoppedAt = Date.now()
    const { results, publishedWhileDown } = await whileRabbitStopped(async () => {
      const results = await mapLimit(customers, CONCURRENCY, async (user) => {
        const hold = await api('POST', '/api/holds', { token: user.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 1 }] } })
        if (hold.status !== 201) return { hold, booking: undefined as Res | undefined }
        const booking = await api('POST', '/api/bookings', { token: user.token, body: { holdId: hold.body.id } })
        return { hold, booking: booking as Res | undefined }
      })
      const publishedWhileDown = await testDb().outboxMessage.count({
        where: { routingKey: ROUTING_KEYS.bookingConfirmed, aggregateId: { in: results.map(r => r.booking?.body?.id).filter(Boolean) }, publishedAt: { not: null } },
      })
      return { results, publishedWhileDown }
    })
    const downForMs = Date.now() - stoppedAt

    // A booking never waits on RabbitMQ: every hold and booking answered 201 while it was down.
    expect(results.filter(r => r.hold.status !== 201).map(r => r.hold.body)).toEqual([])
    expect(results.filter(r => r.booking?.status !== 201).map(r => r.booking?.body)).toEqual([])
    const bookingIds = results.map(r => r.booking!.body.id as string)
    expect(new Set(bookingIds).size).toBe(BOOKINGS)
    // Nothing could have gone out while the broker was down; the outbox kept it all.
    expect(publishedWhileDown).toBe(0)
    expect(downForMs).toBeLessThan(60_000)

    const confirmedFor = () => testDb().notification.groupBy({
      by: ['userId'],
      where: { userId: { in: userIds }, kind: 'booking.confirmed' },
      _count: { _all: true },
    })
    await eventually(async () => (await confirmedFor()).length === BOOKINGS, 90_000, `${BOOKINGS} booking.confirmed notifications`)
    await eventually(async () => world.smtp.mails.filter(m => m.to.some(to => emails.has(to.toLowerCase()))).length >= BOOKINGS, 30_000, `${BOOKINGS} e-mails`)

    // A duplicate (a redelivery, a row published again) would be queued ahead of a marker written once
    // every booking's row is marked published, so it is handled by the time the marker is.
    await eventually(async () => (await testDb().outboxMessage.count({ where: { routingKey: ROUTING_KEYS.bookingConfirmed, aggregateId: { in: bookingIds }, publishedAt: null } })) === 0, 30_000, 'every booking.confirmed row published')
    await world.passMarker()
    const perUser = await confirmedFor()
    expect(perUser).toHaveLength(BOOKINGS)
    expect(perUser.filter(g => g._count._all !== 1)).toEqual([])
    expect(await testDb().notification.count({ where: { userId: { in: userIds } } })).toBe(BOOKINGS)
    const links = (await testDb().notification.findMany({ where: { userId: { in: userIds } }, select: { link: true } })).map(n => n.link)
    expect(links.sort()).toEqual(bookingIds.map(id => `${baseUrl()}/bookings/${id}`).sort())

    const ours = world.smtp.mails.filter(m => m.to.some(to => emails.has(to.toLowerCase())))
    expect(ours).toHaveLength(BOOKINGS)
    const mailsPerUser = new Map<string, number>()
    for (const mail of ours) {
      for (const to of mail.to) {
        const id = emails.get(to.toLowerCase())
        if (id) mailsPerUser.set(id, (mailsPerUser.get(id) ?? 0) + 1)
      }
    }
    expect(mailsPerUser.size).toBe(BOOKINGS)
    expect([...mailsPerUser.values()].filter(n => n !== 1)).toEqual([])

    // Both workers really lost the broker and reconnected (rather than riding it out somehow).
    for (const worker of [world.relay, world.notifications]) {
      expect(worker.logs().some(l => l.msg === 'RabbitMQ connection lost; reconnecting')).toBe(true)
      expect(worker.logs().some(l => l.msg === 'RabbitMQ connection (re)established')).toBe(true)
    }

    // Every booking's outbox row was published once the broker was back.
    const outbox = await testDb().outboxMessage.findMany({
      where: { routingKey: ROUTING_KEYS.bookingConfirmed, aggregateId: { in: bookingIds } },
      select: { aggregateId: true, publishedAt: true },
    })
    expect(outbox).toHaveLength(BOOKINGS)
    expect(outbox.filter(r => r.publishedAt === null)).toEqual([])
  })
})

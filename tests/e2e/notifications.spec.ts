// Notifications where people look for them: a bell in the header with the unread count, fed live by
// the notifications stream, a list page with mark-as-read; and a waitlist offer that shows on the
// open event page at once. No notifications worker runs in e2e: the test stores a notification and
// announces it on the bus exactly as the worker does (server/domain/notifications/deliver-notices.ts).
import { randomUUID } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { Redis } from 'ioredis'
import { createDb, type Db } from '../../server/db/client.ts'
import { publish, TOPICS } from '../../server/messaging/pubsub.ts'
import { toNotificationDto } from '../../server/domain/notifications/notification-dto.ts'
import { apiPost, bearer, book, publishedEvent, signedIn } from '../support/e2e-people.ts'

let db: Db
let redis: Redis

test.beforeAll(() => {
  db = createDb(process.env.E2E_DATABASE_URL!, { max: 2 })
  redis = new Redis(process.env.REDIS_URL || 'redis://127.0.0.1:6379')
})
test.afterAll(async () => {
  redis?.disconnect()
  await db?.$disconnect()
})

/** What the notifications worker does for one notice: store it, then announce it to open streams. */
async function deliver(userId: string, notice: { kind: string, title: string, body: string, link: string | null, data?: Record<string, string> }) {
  const row = await db.notification.create({ data: { userId, sourceId: randomUUID(), data: {}, ...notice } })
  await publish(redis, TOPICS.notifications, { userId, notification: toNotificationDto(row) })
}

const userIdOf = async (page: Page) => (await (await page.context().request.get('/api/me')).json()).id as string

test('the header bell counts unread notifications live; the list marks them read', async ({ browser }) => {
  const { context, page } = await signedIn(browser, 'Nina Notified')
  const userId = await userIdOf(page)
  await page.goto('/')
  const bell = page.getByRole('banner').getByRole('link', { name: /^Notifications/ })
  await expect(bell).toHaveAccessibleName('Notifications')
  // The stream is open once the bell is live (it marks itself so, for this test to wait on).
  await expect(bell).toHaveAttribute('data-live', 'true')

  await deliver(userId, { kind: 'booking.confirmed', title: 'Booked: Fado night', body: 'Your booking BK-1 is confirmed.', link: null })
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread')
  await expect(bell.getByText('1', { exact: true })).toBeVisible()
  await deliver(userId, { kind: 'reminder', title: 'Tomorrow: Fado night', body: 'Doors open at 19:00.', link: null })
  await expect(bell).toHaveAccessibleName('Notifications, 2 unread')

  await bell.click()
  await expect(page).toHaveURL(/\/notifications$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
  const first = page.getByRole('listitem').filter({ hasText: 'Booked: Fado night' })
  await expect(first).toContainText('Your booking BK-1 is confirmed.')
  await first.getByRole('button', { name: 'Mark as read' }).click()
  await expect(first.getByRole('button', { name: 'Mark as read' })).toHaveCount(0)
  await expect(bell).toHaveAccessibleName('Notifications, 1 unread')
  await page.getByRole('button', { name: 'Mark all as read' }).click()
  await expect(bell).toHaveAccessibleName('Notifications')
  await page.reload()
  await expect(page.getByRole('button', { name: 'Mark as read' })).toHaveCount(0)
  await expect(page.getByRole('listitem').filter({ hasText: 'Tomorrow: Fado night' })).toBeVisible()
  await context.close()
})

test('a waitlist offer shows on the open event page at once, and in the bell', async ({ browser }) => {
  const event = await publishedEvent('Fado, sold out', [{ name: 'Standing', kind: 'GA', priceCents: 2000, currency: 'EUR', capacity: 1 }])
  const sectionId = event.sections.get('Standing')!
  const first = await bearer('Fred First')
  const bookingId = await book(first.headers, event.id, [], [{ sectionId, quantity: 1 }])

  const { context, page } = await signedIn(browser, 'Wanda Waiting')
  const userId = await userIdOf(page)
  await page.goto(`/events/${event.id}`)
  await page.getByLabel('Places wanted').selectOption('1')
  await page.getByRole('button', { name: 'Join the waitlist' }).click()
  await expect(page.getByText(/number 1 in line/)).toBeVisible()

  // The first buyer cancels: the freed place is offered to Wanda (a hold in her name).
  const cancelled = await apiPost(`/api/bookings/${bookingId}/cancel`, first.headers)
  expect(cancelled.status, cancelled.body).toBe(200)
  await expect(page.getByText('Places were freed up for you.')).toBeVisible({ timeout: 5_000 })
  await expect(page.getByRole('link', { name: 'Confirm your offered places' })).toBeVisible()
  await expect(page.getByText(/number 1 in line/)).toHaveCount(0)

  await expect(page.getByRole('banner').getByRole('link', { name: /^Notifications/ })).toHaveAttribute('data-live', 'true')
  const entry = await db.waitlistEntry.findFirstOrThrow({ where: { eventId: event.id, userId } })
  const hold = await db.hold.findFirstOrThrow({ where: { waitlistEntryId: entry.id } })
  await deliver(userId, { kind: 'waitlist.offered', title: 'Places for Fado, sold out are yours to take', body: 'Confirm within 30 minutes.', link: `${process.env.E2E_BASE_URL}/events/${event.id}?hold=${hold.id}`, data: { eventId: event.id, holdId: hold.id } })
  await expect(page.getByRole('banner').getByRole('link', { name: 'Notifications, 1 unread' })).toBeVisible()
  await context.close()
})

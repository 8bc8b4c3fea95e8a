// Calendar subscriptions, read with a real iCalendar parser (node-ical) as a calendar app would: the
// private feed of a user's bookings (token from GET /api/me, revocable) and an organiser's public
// feed of published events; both follow a cancellation with STATUS:CANCELLED and a higher SEQUENCE.
import ical from 'node-ical'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { api, baseUrl } from '../support/http.ts'
import { createEvent, insertBooking, publish, registerUser, seatIds, sqlPool, type TestUser } from '../support/event-fixtures.ts'

let sql: pg.Pool
let organiser: TestUser
let buyer: TestUser
beforeAll(async () => {
  sql = sqlPool()
  organiser = await registerUser('Olga Organiser')
  buyer = await registerUser('Bea Buyer')
})
afterAll(() => sql.end())

/** The feed's events by UID, as a calendar app parses them. */
async function feed(url: string): Promise<{ status: number, events: Map<string, ical.VEvent> }> {
  const res = await fetch(url)
  if (res.status !== 200) return { status: res.status, events: new Map() }
  expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
  const parsed = ical.sync.parseICS(await res.text())
  return { status: 200, events: new Map(Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT').map(e => [e.uid, e])) }
}

const feedUrlOf = async (user: TestUser): Promise<string> => {
  const me = await api('GET', '/api/me', { token: user.token })
  expect(me.status).toBe(200)
  // The link names the public APP_URL; the test server's is its own address.
  return me.body.calendarFeedUrl.replace(/^https?:\/\/[^/]+/, baseUrl())
}

describe('GET /api/calendar/me.ics', () => {
  it('lists the events a user booked, follows a cancellation, and stops working once renewed', async () => {
    const booked = await createEvent(organiser.token)
    await publish(organiser.token, booked.id)
    const other = await createEvent(organiser.token)
    await publish(organiser.token, other.id)
    const seats = seatIds((await api('GET', `/api/events/${booked.id}/seats`, { token: buyer.token })).body)
    await insertBooking(sql, buyer.id, booked.id, [seats.get('A1')!], 4500)

    const url = await feedUrlOf(buyer)
    const before = await feed(url)
    expect([...before.events.keys()]).toEqual([`${booked.id}@bookify`])
    const event = before.events.get(`${booked.id}@bookify`)!
    expect(event).toMatchObject({ summary: booked.title, status: 'CONFIRMED' })
    expect(event.start.getTime()).toBe(Math.floor(Date.parse(booked.startsAt) / 1000) * 1000) // iCalendar keeps whole seconds

    // SEQUENCE counts whole seconds (calendar-feeds.ts): the cancellation comes in a later one.
    await new Promise(resolve => setTimeout(resolve, 1_000))
    expect((await api('POST', `/api/events/${booked.id}/cancel`, { token: organiser.token })).status).toBe(200)
    const after = (await feed(url)).events.get(`${booked.id}@bookify`)!
    expect(after.status).toBe('CANCELLED')
    expect(Number(after.sequence)).toBeGreaterThan(Number(event.sequence))

    const renewed = await api('DELETE', '/api/me/calendar-feed', { token: buyer.token })
    expect(renewed.status).toBe(200)
    expect((await feed(url)).status).toBe(401)
    expect((await feed(renewed.body.calendarFeedUrl.replace(/^https?:\/\/[^/]+/, baseUrl()))).status).toBe(200)
    expect(await feedUrlOf(buyer)).not.toBe(url)
  })

  it('answers 401 for a forged or another user\'s altered token and 400 without one, in the contract shape', async () => {
    const url = await feedUrlOf(buyer)
    const token = new URL(url).searchParams.get('token')!
    const forged = token.replace(/\.[^.]+$/, `.${'A'.repeat(43)}`)
    const res = await fetch(`${baseUrl()}/api/calendar/me.ics?token=${encodeURIComponent(forged)}`)
    expect(res.status).toBe(401)
    expect(await res.json()).toMatchObject({ statusCode: 401, code: 'TOKEN_INVALID' })
    const bumped = token.replace(/\.(\d+)\./, (_, v: string) => `.${Number(v) + 5}.`)
    expect((await fetch(`${baseUrl()}/api/calendar/me.ics?token=${encodeURIComponent(bumped)}`)).status).toBe(401)
    const missing = await fetch(`${baseUrl()}/api/calendar/me.ics`)
    expect(missing.status).toBe(400)
    expect(await missing.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' })
  })
})

describe('GET /api/organisers/:id/calendar.ics', () => {
  it('is public, lists published events only, and marks a cancelled one', async () => {
    const host = await registerUser('Hana Host')
    const published = await createEvent(host.token)
    await publish(host.token, published.id)
    const draft = await createEvent(host.token)
    const cancelled = await createEvent(host.token)
    await publish(host.token, cancelled.id)
    expect((await api('POST', `/api/events/${cancelled.id}/cancel`, { token: host.token })).status).toBe(200)

    const { status, events } = await feed(`${baseUrl()}/api/organisers/${host.id}/calendar.ics`)
    expect(status).toBe(200)
    expect([...events.keys()].sort()).toEqual([`${published.id}@bookify`, `${cancelled.id}@bookify`].sort())
    expect(events.has(`${draft.id}@bookify`)).toBe(false)
    expect(events.get(`${published.id}@bookify`)!.status).toBe('CONFIRMED')
    expect(events.get(`${cancelled.id}@bookify`)!.status).toBe('CANCELLED')
    expect((await fetch(`${baseUrl()}/api/organisers/${crypto.randomUUID()}/calendar.ics`)).status).toBe(404)
    expect((await fetch(`${baseUrl()}/api/organisers/not-an-id/calendar.ics`)).status).toBe(404)
  })
})

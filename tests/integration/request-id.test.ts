// Every answer carries X-Request-Id, and that id is the correlation id of the outbox messages the
// request wrote, so a worker's log lines join up with the request that caused them. An incoming
// X-Request-Id is honoured only behind a trusted proxy (the suite's server trusts none).
import { describe, expect, it } from 'vitest'
import { api } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'

describe('request ids', () => {
  it('answers with a fresh id, ignoring the caller\'s from an untrusted client', async () => {
    const res = await api('GET', '/api/health', { headers: { 'x-request-id': 'spoofed-id' } })
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const error = await api('GET', '/api/no-such-route')
    expect(error.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('tags the outbox messages of a booking and its cancellation with the request\'s id', async () => {
    const [organiser, buyer] = await createUsers(2) as [TestUser, TestUser]
    const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity: 5 }])
    const hold = await api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, ga: [{ sectionId: event.sections[0]!.id, quantity: 1 }] } })
    const booked = await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: hold.body.id } })
    expect(booked.status).toBe(201)
    const cancelled = await api('POST', `/api/bookings/${booked.body.id}/cancel`, { token: buyer.token })
    expect(cancelled.status).toBe(200)
    const rows = await testDb().outboxMessage.findMany({ where: { aggregateId: booked.body.id }, select: { routingKey: true, correlationId: true } })
    const byKey = Object.fromEntries(rows.map(r => [r.routingKey, r.correlationId]))
    expect(byKey['booking.confirmed']).toBe(booked.headers.get('x-request-id'))
    expect(byKey['booking.cancelled']).toBe(cancelled.headers.get('x-request-id'))
  })
})

// Freed places go to the head of the waitlist first, then the next person, then the public.
import { beforeAll, describe, expect, it } from 'vitest'
import { api } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { testAfterCommit } from '../support/after-commit.ts'
import { expireHolds } from '../../server/domain/holds/hold-lifecycle.ts'

let organiser: TestUser
beforeAll(async () => {
  [organiser] = await createUsers(1) as [TestUser]
})

async function sellOut(eventId: string, seatIds: string[]) {
  const buyers = await createUsers(seatIds.length)
  const bookings = []
  for (const [i, buyer] of buyers.entries()) {
    const h = await api('POST', '/api/holds', { token: buyer.token, body: { eventId, seatIds: [seatIds[i]] } })
    const b = await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: h.body.id } })
    bookings.push({ buyer, booking: b.body })
  }
  return bookings
}

describe('waitlist', () => {
  it('is only for sold-out events', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 3 }])
    const [me] = await createUsers(1) as [TestUser]
    const res = await api('POST', `/api/events/${event.id}/waitlist`, { token: me.token, body: { quantity: 1 } })
    expect(res.status).toBe(409)
    expect(res.body.details.reason).toBe('NOT_SOLD_OUT')
  })

  it('offers a cancelled place to the head of the queue before anyone else, then moves on when the offer lapses', async () => {
    const event = await createPublishedEvent(organiser.id, [{ name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 2 }])
    const sold = await sellOut(event.id, event.sections[0]!.placeIds)
    const [first, second, stranger] = await createUsers(3) as [TestUser, TestUser, TestUser]
    expect((await api('POST', `/api/events/${event.id}/waitlist`, { token: first.token, body: { quantity: 1 } })).status).toBe(201)
    const joined = await api('POST', `/api/events/${event.id}/waitlist`, { token: second.token, body: { quantity: 1 } })
    expect(joined.body.position).toBe(2)
    expect((await api('POST', `/api/events/${event.id}/waitlist`, { token: second.token, body: { quantity: 1 } })).status).toBe(409)

    const { buyer, booking } = sold[0]!
    await api('POST', `/api/bookings/${booking.id}/cancel`, { token: buyer.token })

    const offer = await api('GET', `/api/events/${event.id}/waitlist/me`, { token: first.token })
    expect(offer.body).toMatchObject({ status: 'OFFERED', position: 0 })
    expect(offer.body.offer.holdId).toBeTruthy()
    expect((await api('GET', `/api/events/${event.id}/waitlist/me`, { token: second.token })).body).toMatchObject({ status: 'WAITING', position: 1 })
    expect((await api('POST', '/api/holds', { token: stranger.token, body: { eventId: event.id, seatIds: [booking.tickets[0].placeId] } })).status).toBe(409)
    expect(await testDb().outboxMessage.count({ where: { routingKey: 'waitlist.offered', aggregateId: offer.body.id } })).toBe(1)

    // The first person lets the offer lapse: the expiry (job or sweep) moves it on.
    const past = new Date(Date.now() - 1000)
    await testDb().hold.update({ where: { id: offer.body.offer.holdId }, data: { expiresAt: past } })
    await testDb().place.updateMany({ where: { holdId: offer.body.offer.holdId }, data: { heldUntil: past } })
    // Public buyers still cannot take it while someone waiting fits.
    expect((await api('POST', '/api/holds', { token: stranger.token, body: { eventId: event.id, seatIds: [booking.tickets[0].placeId] } })).body.code).toBe('SOLD_OUT')
    // Expiring the offer's hold (what the cleanup worker's job does) offers the place to the next person.
    const after = testAfterCommit(testDb())
    await expireHolds(testDb(), after.effects, { holdId: offer.body.offer.holdId }).finally(() => after.close())
    const secondOffer = await api('GET', `/api/events/${event.id}/waitlist/me`, { token: second.token })
    expect(secondOffer.body.status).toBe('OFFERED')
    const booked = await api('POST', '/api/bookings', { token: second.token, body: { holdId: secondOffer.body.offer.holdId } })
    expect(booked.status).toBe(201)
    expect((await api('GET', `/api/events/${event.id}/waitlist/me`, { token: first.token })).status).toBe(404)
  })
})

// Ticket types, promo codes and checkout questions on the real services: quotas and code uses are
// decided by bookify_claim_hold under 200-way races, windows, hidden types and max-per-order refuse
// with the contract's codes, and answers travel from the booking to the attendee CSV.
import { beforeAll, describe, expect, it } from 'vitest'
import { api, baseUrl } from '../support/http.ts'
import { createPublishedEvent, createUsers, testDb, type TestUser } from '../support/fixtures.ts'
import { sqlPool } from '../support/event-fixtures.ts'

let organiser: TestUser

beforeAll(async () => {
  [organiser] = await createUsers(1) as [TestUser]
})

function statuses(results: { status: number }[]): Record<number, number> {
  const counts: Record<number, number> = {}
  for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1
  return counts
}

async function addType(eventId: string, sectionId: string, fields: { name: string, priceCents: number, quota?: number, maxPerOrder?: number, hidden?: boolean, salesStart?: Date, salesEnd?: Date, sortOrder?: number }) {
  return testDb().ticketType.create({ data: { eventId, sectionId, sortOrder: 1, ...fields } })
}

async function gaEvent(capacity: number) {
  const event = await createPublishedEvent(organiser.id, [{ name: 'Floor', kind: 'GA', capacity, priceCents: 5000 }])
  return { event, sectionId: event.sections[0]!.id }
}

describe('ticket types', () => {
  it('sells exactly the quota of a type to 200 simultaneous buyers', async () => {
    const { event, sectionId } = await gaEvent(100)
    const early = await addType(event.id, sectionId, { name: 'Early bird', priceCents: 3000, quota: 10 })
    const buyers = await createUsers(200)
    const results = await Promise.all(buyers.map(b => api('POST', '/api/holds', {
      token: b.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 1, ticketTypeId: early.id }] },
    })))
    expect(statuses(results)).toEqual({ 201: 10, 409: 190 })
    for (const r of results.filter(r => r.status === 409)) expect(r.body).toMatchObject({ code: 'TYPE_UNAVAILABLE', details: { reason: 'quota', ticketTypeId: early.id } })
    expect(await testDb().place.count({ where: { ticketTypeId: early.id, heldUntil: { gt: new Date() } } })).toBe(10)
    // The section still sells under its other type (to someone else: a new hold would replace a winner's).
    const [other] = await createUsers(1) as [TestUser]
    const standard = await api('POST', '/api/holds', { token: other.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 1 }] } })
    expect(standard.status).toBe(201)
    expect(standard.body.items[0]).toMatchObject({ ticketType: { name: 'Standard' }, unitPrice: { amountCents: 5000 }, price: { amountCents: 5000 } })
    const shown = await api('GET', `/api/events/${event.id}`)
    expect(shown.body.sections[0].ticketTypes.find((t: { id: string }) => t.id === early.id)).toMatchObject({ available: 0, state: 'SOLD_OUT' })
  })

  // A quota is kept in 8 buckets (quota-rebalance.sql): buyers of one type lock one bucket each, and
  // no bucket may count more places than its cap. Nothing of the quota may get lost between them.
  it('spreads a quota over its buckets: 120 buyers of 1–4 places race for 37, the rest stays sellable, a changed quota holds', async () => {
    const { event, sectionId } = await gaEvent(300)
    const members = await addType(event.id, sectionId, { name: 'Members', priceCents: 2000, quota: 37 })
    const buyers = await createUsers(120)
    const asked = buyers.map((_, i) => 1 + (i % 4))
    const hold = (user: TestUser, ticketTypeId: string, quantity: number) =>
      api('POST', '/api/holds', { token: user.token, body: { eventId: event.id, ga: [{ sectionId, quantity, ticketTypeId }] } })
    const results = await Promise.all(buyers.map((b, i) => hold(b, members.id, asked[i]!)))
    for (const r of results) expect([201, 409], JSON.stringify(r.body)).toContain(r.status)
    const granted = results.reduce((n, r, i) => n + (r.status === 201 ? asked[i]! : 0), 0)
    const held = (typeId: string) => testDb().place.count({ where: { ticketTypeId: typeId, heldUntil: { gt: new Date() } } })
    expect(await held(members.id)).toBe(granted)
    // Every refusal was for more than the room left at that moment, and the room only shrank.
    expect(granted).toBeLessThanOrEqual(37)
    expect(granted).toBeGreaterThan(37 - 4)
    const buckets = (typeId: string) => testDb().$queryRaw<{ n: number, cap: number, taken: number }[]>`
      SELECT b.n, b.cap, count(p.id)::int AS taken FROM ticket_type_quota_buckets b
        LEFT JOIN places p ON p.ticket_type_id = b.ticket_type_id AND coalesce(p.quota_bucket, 0) = b.n
             AND (p.booking_id IS NOT NULL OR p.held_until > now())
       WHERE b.ticket_type_id = ${typeId}::uuid GROUP BY b.n, b.cap ORDER BY b.n`
    const spread = await buckets(members.id)
    expect(spread).toHaveLength(8)
    expect(spread.reduce((n, b) => n + b.cap, 0)).toBe(37)
    for (const b of spread) expect(b.taken).toBeLessThanOrEqual(b.cap)

    // One place at a time, the last of the quota sells (wherever its room sits), then no more.
    const late = await createUsers(5)
    for (const user of late.slice(0, 37 - granted)) expect((await hold(user, members.id, 1)).status).toBe(201)
    expect((await hold(late[4]!, members.id, 1)).body).toMatchObject({ code: 'TYPE_UNAVAILABLE', details: { reason: 'quota' } })
    expect(await held(members.id)).toBe(37)
    // A released hold gives its places back to the quota at once.
    const winner = results.findIndex(r => r.status === 201)
    expect((await api('DELETE', `/api/holds/${results[winner]!.body.id}`, { token: buyers[winner]!.token })).status).toBe(204)
    expect((await hold(late[4]!, members.id, asked[winner]!)).status).toBe(201)
    expect(await held(members.id)).toBe(37)

    // A quota lowered below what is held closes the type until enough is given back; raised, it is shared out again.
    const guests = await addType(event.id, sectionId, { name: 'Guests', priceCents: 0, quota: 6, sortOrder: 2 })
    const [first, second, third] = await createUsers(3) as [TestUser, TestUser, TestUser]
    const four = await hold(first, guests.id, 4)
    expect(four.status).toBe(201)
    await testDb().ticketType.update({ where: { id: guests.id }, data: { quota: 3 } })
    expect((await buckets(guests.id)).every(b => b.cap === 0)).toBe(true)
    expect((await hold(second, guests.id, 1)).body).toMatchObject({ code: 'TYPE_UNAVAILABLE', details: { reason: 'quota' } })
    expect((await api('DELETE', `/api/holds/${four.body.id}`, { token: first.token })).status).toBe(204)
    expect((await hold(second, guests.id, 3)).status).toBe(201)
    expect((await hold(third, guests.id, 1)).body).toMatchObject({ code: 'TYPE_UNAVAILABLE', details: { reason: 'quota' } })
    await testDb().ticketType.update({ where: { id: guests.id }, data: { quota: 11 } })
    const raised = await buckets(guests.id)
    expect(raised.reduce((n, b) => n + b.cap, 0)).toBe(11)
    expect(raised.reduce((n, b) => n + b.taken, 0)).toBe(3)
    for (const b of raised) expect(b.taken).toBeLessThanOrEqual(b.cap)
  })

  it('an edit changing quotas in two sections locks their buckets in type id order, as claims do: no deadlock with a claim between them', async () => {
    const event = await createPublishedEvent(organiser.id, [
      { name: 'North', kind: 'GA', capacity: 40, priceCents: 3000 },
      { name: 'South', kind: 'GA', capacity: 40, priceCents: 3000 },
    ])
    for (const section of event.sections) await addType(event.id, section.id, { name: 'Members', priceCents: 2000, quota: 10 })
    const members = await testDb().ticketType.findMany({ where: { eventId: event.id, quota: { not: null } }, orderBy: { id: 'asc' } })
    const [low, high] = members as [typeof members[0], typeof members[0]]
    // The edit lists the section of the higher type id first: written section by section, its quota
    // trigger would lock `high` and then wait for `low`.
    const sections = await testDb().section.findMany({ where: { eventId: event.id } })
    const ordered = [high.sectionId, low.sectionId].map(id => sections.find(s => s.id === id)!)
    const types = await testDb().ticketType.findMany({ where: { eventId: event.id }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] })
    const body = {
      sections: await Promise.all(ordered.map(async s => ({
        id: s.id, name: s.name, kind: s.kind, priceCents: s.priceCents, currency: s.currency, capacity: s.capacity,
        ticketTypes: types.filter(t => t.sectionId === s.id).map(t => ({ id: t.id, name: t.name, priceCents: t.priceCents, hidden: t.hidden, ...(t.quota === null ? {} : { quota: 12 }) })),
      }))),
    }

    // A claim that holds a bucket of `low` (the lower id, as claims take types in id order)…
    const sql = sqlPool()
    const claim = await sql.connect()
    try {
      await claim.query('BEGIN')
      await claim.query('SELECT 1 FROM ticket_type_quota_buckets WHERE ticket_type_id = $1 AND n = 0 FOR NO KEY UPDATE', [low.id])
      const edit = api('PATCH', `/api/events/${event.id}`, { token: organiser.token, body })
      await expect.poll(async () => (await sql.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)).rows[0].n).toBe(1)
      // …then needs all of `high`'s (the slow path, bookify_quota_rebalance). The edit waits for `low`
      // before it takes any of `high`'s, so this gets them at once instead of a deadlock.
      await claim.query('SELECT 1 FROM ticket_type_quota_buckets WHERE ticket_type_id = $1 ORDER BY n FOR NO KEY UPDATE', [high.id])
      await claim.query('COMMIT')
      const answer = await edit
      expect(answer.status, JSON.stringify(answer.body)).toBe(200)
    } finally {
      claim.release()
      await sql.end()
    }
    const after = await testDb().ticketType.findMany({ where: { id: { in: [low.id, high.id] } } })
    expect(after.map(t => t.quota)).toEqual([12, 12])
  })

  it('refuses types outside their sales window, beyond maxPerOrder, or hidden without the unlock code', async () => {
    const { event, sectionId } = await gaEvent(50)
    const later = await addType(event.id, sectionId, { name: 'Later', priceCents: 4000, salesStart: new Date(Date.now() + 86_400_000) })
    const over = await addType(event.id, sectionId, { name: 'Gone', priceCents: 4000, salesEnd: new Date(Date.now() - 60_000) })
    const pair = await addType(event.id, sectionId, { name: 'Pair', priceCents: 4000, maxPerOrder: 2 })
    const comp = await addType(event.id, sectionId, { name: 'Guest list', priceCents: 0, hidden: true })
    const [buyer] = await createUsers(1) as [TestUser]
    const hold = (ticketTypeId: string, quantity = 1, promoCode?: string) => api('POST', '/api/holds', {
      token: buyer.token, body: { eventId: event.id, ga: [{ sectionId, quantity, ticketTypeId }], ...(promoCode ? { promoCode } : {}) },
    })
    expect((await hold(later.id)).body).toMatchObject({ statusCode: 409, code: 'TYPE_UNAVAILABLE', details: { reason: 'not_on_sale_yet' } })
    expect((await hold(over.id)).body).toMatchObject({ statusCode: 409, code: 'TYPE_UNAVAILABLE', details: { reason: 'sales_ended' } })
    expect((await hold(pair.id, 3)).body).toMatchObject({ statusCode: 409, code: 'TYPE_UNAVAILABLE', details: { reason: 'max_per_order' } })
    expect((await hold(pair.id, 2)).status).toBe(201)
    // Hidden: not listed publicly, not holdable without a code that unlocks it.
    const publicView = await api('GET', `/api/events/${event.id}`)
    expect(publicView.body.sections[0].ticketTypes.map((t: { name: string }) => t.name)).toEqual(['Standard', 'Later', 'Gone', 'Pair'])
    expect(publicView.body.sections[0].ticketTypes.find((t: { name: string }) => t.name === 'Later')).toMatchObject({ state: 'NOT_YET_ON_SALE' })
    expect((await hold(comp.id)).body).toMatchObject({ code: 'TYPE_UNAVAILABLE', details: { reason: 'unknown' } })
    const created = await api('POST', `/api/events/${event.id}/promo-codes`, { token: organiser.token, body: { code: 'GuestList', kind: 'UNLOCK', ticketTypeIds: [comp.id] } })
    expect(created.status).toBe(201)
    const check = await api('GET', `/api/events/${event.id}/promo-codes/check?code=guestlist`, { token: buyer.token })
    expect(check.status).toBe(200)
    expect(check.body).toMatchObject({ kind: 'UNLOCK', unlocks: [{ id: comp.id, name: 'Guest list', sectionId }] })
    const unlocked = await hold(comp.id, 1, 'GUESTLIST')
    expect(unlocked.status).toBe(201)
    expect(unlocked.body).toMatchObject({ total: { amountCents: 0 }, promoCode: 'GuestList', items: [{ ticketType: { id: comp.id, name: 'Guest list' } }] })
  })

  it('lets an organiser define types with POST /api/events, and books each at its price', async () => {
    const startsAt = new Date(Date.now() + 7 * 86_400_000)
    const created = await api('POST', '/api/events', {
      token: organiser.token,
      body: {
        title: 'Typed', category: 'Music', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(),
        timezone: 'Europe/Lisbon', venue: { name: 'Hall', address: '1 Road', city: 'Lisbon' },
        sections: [{
          name: 'Stalls', kind: 'SEATED', priceCents: 4000, currency: 'EUR', rows: 1, seatsPerRow: 4,
          ticketTypes: [{ name: 'Adult', priceCents: 4000 }, { name: 'Child', priceCents: 2000, maxPerOrder: 4 }],
        }],
      },
    })
    expect(created.status).toBe(201)
    expect(created.body.sections[0].ticketTypes.map((t: { name: string, price: { amountCents: number } }) => [t.name, t.price.amountCents])).toEqual([['Adult', 4000], ['Child', 2000]])
    const eventId = created.body.id
    expect((await api('POST', `/api/events/${eventId}/publish`, { token: organiser.token })).status).toBe(200)
    const [adult, child] = created.body.sections[0].ticketTypes as { id: string }[]
    const seats = (await api('GET', `/api/events/${eventId}/seats`)).body.sections[0].rows[0].seats.map((s: { id: string }) => s.id)
    const [buyer] = await createUsers(1) as [TestUser]
    const hold = await api('POST', '/api/holds', {
      token: buyer.token,
      body: { eventId, seats: [{ seatId: seats[0], ticketTypeId: adult!.id }, { seatId: seats[1], ticketTypeId: child!.id }], seatIds: [seats[2]] },
    })
    expect(hold.status).toBe(201)
    expect(hold.body.total).toEqual({ amountCents: 10000, currency: 'EUR' })
    const booking = await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: hold.body.id } })
    expect(booking.status).toBe(201)
    expect(booking.body.total.amountCents).toBe(10000)
    expect(booking.body.tickets.map((t: { ticketType: { name: string }, price: { amountCents: number } }) => [t.ticketType.name, t.price.amountCents]).sort())
      .toEqual([['Adult', 4000], ['Adult', 4000], ['Child', 2000]])
    // A type with sales cannot be removed; it can be hidden.
    const sectionId = created.body.sections[0].id
    const removal = await api('PATCH', `/api/events/${eventId}`, {
      token: organiser.token,
      body: { sections: [{ id: sectionId, name: 'Stalls', kind: 'SEATED', priceCents: 4000, currency: 'EUR', rows: 1, seatsPerRow: 4, ticketTypes: [{ id: adult!.id, name: 'Adult', priceCents: 4000 }] }] },
    })
    expect(removal.body).toMatchObject({ statusCode: 409, code: 'INVENTORY_IN_USE' })
  })
})

describe('promo codes', () => {
  it('gives exactly 10 of 200 simultaneous buyers a 10-use code, and an expired hold gives its use back', async () => {
    const { event, sectionId } = await gaEvent(300)
    const code = await api('POST', `/api/events/${event.id}/promo-codes`, { token: organiser.token, body: { code: 'TEN-OFF', kind: 'PERCENT', value: 20, maxUses: 10 } })
    expect(code.status).toBe(201)
    const buyers = await createUsers(201)
    const results = await Promise.all(buyers.slice(0, 200).map(b => api('POST', '/api/holds', {
      token: b.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 1 }], promoCode: 'ten-off' },
    })))
    expect(statuses(results)).toEqual({ 201: 10, 422: 190 })
    for (const r of results.filter(r => r.status === 422)) expect(r.body).toMatchObject({ code: 'PROMO_INVALID', details: { reason: 'used_up' } })
    const winner = results.find(r => r.status === 201)!
    expect(winner.body).toMatchObject({ total: { amountCents: 4000 }, discount: { amountCents: 1000 }, items: [{ unitPrice: { amountCents: 5000 }, discount: { amountCents: 1000 }, price: { amountCents: 4000 } }] })
    const listed = await api('GET', `/api/events/${event.id}/promo-codes`, { token: organiser.token })
    expect(listed.body).toMatchObject([{ code: 'TEN-OFF', uses: 10, maxUses: 10 }])
    // The uses sit in the code's 8 buckets (code-use-rebalance.sql): caps add up to the limit, none is over its cap.
    const buckets = await testDb().$queryRaw<{ cap: number, uses: number }[]>`
      SELECT b.cap, count(h.id)::int AS uses FROM promo_code_use_buckets b
        LEFT JOIN holds h ON h.promo_code_id = b.promo_code_id AND coalesce(h.promo_bucket, 0) = b.n AND h.status = 'ACTIVE'
       WHERE b.promo_code_id = ${code.body.id}::uuid GROUP BY b.n, b.cap`
    expect(buckets).toHaveLength(8)
    expect(buckets.reduce((n, b) => n + b.cap, 0)).toBe(10)
    for (const b of buckets) expect(b.uses).toBeLessThanOrEqual(b.cap)
    // One of the ten is released: its use is free again at once (the server's refusal memo, which
    // just learned the code was used up, forgets it with the freed places).
    const winners = results.filter(r => r.status === 201)
    const released = await api('DELETE', `/api/holds/${winner.body.id}`, { token: buyers[results.indexOf(winner)]!.token })
    expect(released.status).toBe(204)
    const late = await api('POST', '/api/holds', { token: buyers[200]!.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 1 }], promoCode: 'Ten-Off' } })
    expect(late.status).toBe(201)
    // Another lapses (forged in the database): its use comes back too, counted by the claim.
    const lapsed = winners[1]!.body.id
    const past = new Date(Date.now() - 1000)
    await testDb().hold.update({ where: { id: lapsed }, data: { expiresAt: past } })
    await testDb().place.updateMany({ where: { holdId: lapsed }, data: { heldUntil: past } })
    const [another] = await createUsers(1) as [TestUser]
    const after = await api('POST', '/api/holds', { token: another!.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 1 }], promoCode: 'TEN-OFF' } })
    expect(after.status).toBe(201)
  })

  it('refuses a full type and a used-up code from memory with the database\'s answer, never to their holder, and forgets on release', async () => {
    const { event, sectionId } = await gaEvent(50)
    const vip = await addType(event.id, sectionId, { name: 'VIP', priceCents: 9000, quota: 1 })
    expect((await api('POST', `/api/events/${event.id}/promo-codes`, { token: organiser.token, body: { code: 'ONCE', kind: 'AMOUNT', value: 500, maxUses: 1 } })).status).toBe(201)
    const [holder, buyer] = await createUsers(2) as [TestUser, TestUser]
    const claim = (user: TestUser, line: { ticketTypeId?: string }, promoCode?: string) =>
      api('POST', '/api/holds', { token: user.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 1, ...line }], ...(promoCode ? { promoCode } : {}) } })
    const memoRefusals = async () => Number((await (await fetch(`${baseUrl()}/metrics`)).text()).match(/^bookify_hold_refusals_from_memo_total(?:{[^}]*})? (\d+)/m)?.[1] ?? 0)
    const held = await claim(holder, { ticketTypeId: vip.id }, 'once')
    expect(held.status).toBe(201)
    const before = await memoRefusals()
    // The first refusals come from the database and teach the memo; the rest are the memo's, worded alike.
    for (let i = 0; i < 3; i++) {
      expect((await claim(buyer, { ticketTypeId: vip.id })).body).toMatchObject({ code: 'TYPE_UNAVAILABLE', details: { reason: 'quota', ticketTypeId: vip.id } })
      expect((await claim(buyer, {}, 'Once')).body).toMatchObject({ code: 'PROMO_INVALID', details: { reason: 'used_up' } })
    }
    expect(await memoRefusals() - before).toBe(4)
    // The holder asks again with both: their new hold replaces the old one, so both are theirs to take.
    const again = await claim(holder, { ticketTypeId: vip.id }, 'ONCE')
    expect(again.status).toBe(201)
    // Released: type and code are free at once.
    expect((await api('DELETE', `/api/holds/${again.body.id}`, { token: holder.token })).status).toBe(204)
    expect((await claim(buyer, { ticketTypeId: vip.id }, 'once')).status).toBe(201)
  })

  it('answers PROMO_INVALID with the reason: unknown, not applicable to the chosen types, expired', async () => {
    const { event, sectionId } = await gaEvent(20)
    const vip = await addType(event.id, sectionId, { name: 'VIP', priceCents: 9000 })
    await api('POST', `/api/events/${event.id}/promo-codes`, { token: organiser.token, body: { code: 'OLD', kind: 'AMOUNT', value: 500, validTo: new Date(Date.now() + 1000).toISOString() } })
    await api('POST', `/api/events/${event.id}/promo-codes`, { token: organiser.token, body: { code: 'VIPONLY', kind: 'AMOUNT', value: 1500, ticketTypeIds: [vip.id] } })
    const dup = await api('POST', `/api/events/${event.id}/promo-codes`, { token: organiser.token, body: { code: 'viponly', kind: 'PERCENT', value: 5 } })
    expect(dup.body).toMatchObject({ statusCode: 409, code: 'CONFLICT' })
    const [buyer] = await createUsers(1) as [TestUser]
    const hold = (promoCode: string, ticketTypeId?: string) => api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 2, ticketTypeId }], promoCode } })
    expect((await hold('NOPE')).body).toMatchObject({ statusCode: 422, code: 'PROMO_INVALID', details: { reason: 'unknown' } })
    expect((await hold('viponly')).body).toMatchObject({ statusCode: 422, code: 'PROMO_INVALID', details: { reason: 'not_applicable' } })
    const applied = await hold('viponly', vip.id)
    expect(applied.body).toMatchObject({ total: { amountCents: 15000 }, discount: { amountCents: 3000 } })
    await new Promise(r => setTimeout(r, 1100))
    expect((await hold('old')).body).toMatchObject({ statusCode: 422, code: 'PROMO_INVALID', details: { reason: 'expired' } })
    expect((await api('GET', `/api/events/${event.id}/promo-codes/check?code=old`, { token: buyer.token })).body).toMatchObject({ code: 'PROMO_INVALID', details: { reason: 'expired' } })
  })
})

describe('checkout questions', () => {
  it('requires answers to confirm, keeps them on the booking and in the attendee CSV, and lets the buyer edit them', async () => {
    const { event, sectionId } = await gaEvent(20)
    const put = await api('PUT', `/api/events/${event.id}/questions`, {
      token: organiser.token,
      body: [
        { label: 'Dietary needs', kind: 'CHOICE', options: ['None', 'Vegetarian', 'Vegan'], required: true, perAttendee: true },
        { label: 'Company', kind: 'TEXT' },
        { label: 'I accept the waiver', kind: 'CHECKBOX', required: true },
      ],
    })
    expect(put.status).toBe(200)
    const [diet, company, waiver] = put.body as { id: string }[]
    expect((await api('GET', `/api/events/${event.id}/questions`)).body).toHaveLength(3)
    const [buyer] = await createUsers(1) as [TestUser]
    const hold = await api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, ga: [{ sectionId, quantity: 2 }] } })
    const [p1, p2] = hold.body.items.map((i: { placeId: string }) => i.placeId) as [string, string]
    const missing = await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: hold.body.id, answers: { attendees: [{ placeId: p1, answers: { [diet!.id]: 'Vegan' } }] } } })
    expect(missing.status).toBe(422)
    expect(missing.body.code).toBe('ANSWERS_REQUIRED')
    expect(missing.body.details.missing).toEqual(expect.arrayContaining([{ questionId: waiver!.id, label: 'I accept the waiver' }, { questionId: diet!.id, label: 'Dietary needs', placeId: p2 }]))
    const booked = await api('POST', '/api/bookings', {
      token: buyer.token,
      body: { holdId: hold.body.id, answers: { order: { [company!.id]: 'Acme', [waiver!.id]: true }, attendees: [{ placeId: p1, answers: { [diet!.id]: 'Vegan' } }, { placeId: p2, answers: { [diet!.id]: 'None' } }] } },
    })
    expect(booked.status).toBe(201)
    expect(booked.body.answers).toEqual({ [company!.id]: 'Acme', [waiver!.id]: true })
    expect(booked.body.tickets.find((t: { placeId: string }) => t.placeId === p1).answers).toEqual({ [diet!.id]: 'Vegan' })
    const edited = await api('PATCH', `/api/bookings/${booked.body.id}/answers`, {
      token: buyer.token, body: { order: { [company!.id]: 'Acme Ltd', [waiver!.id]: true }, attendees: [{ placeId: p1, answers: { [diet!.id]: 'Vegetarian' } }, { placeId: p2, answers: { [diet!.id]: 'None' } }] },
    })
    expect(edited.status).toBe(200)
    const csv = await api('GET', `/api/events/${event.id}/attendees?format=csv`, { token: organiser.token })
    expect(csv.status).toBe(200)
    const text = String(csv.body)
    expect(text.split('\r\n')[0]).toContain('Ticket type,Promo code,Booking reference')
    expect(text.split('\r\n')[0]).toContain('Dietary needs,Company,I accept the waiver')
    expect(text).toContain('Standard')
    expect(text).toContain('Vegetarian,Acme Ltd,yes')
    // Until the event starts.
    await testDb().event.update({ where: { id: event.id }, data: { startsAt: new Date(Date.now() - 1000) } })
    const late = await api('PATCH', `/api/bookings/${booked.body.id}/answers`, { token: buyer.token, body: { order: { [waiver!.id]: true } } })
    expect(late.body).toMatchObject({ statusCode: 409, code: 'EVENT_STARTED' })
  })
})

describe('changing seats', () => {
  // A seat moved into another section is sold under that section's default type: its quota counts.
  it('refuses a move that would pass the new section\'s type quota, and allows swaps within a full type', async () => {
    const event = await createPublishedEvent(organiser.id, [
      { name: 'Stalls', kind: 'SEATED', rows: 1, seatsPerRow: 4, priceCents: 3000 },
      { name: 'Box', kind: 'SEATED', rows: 1, seatsPerRow: 4, priceCents: 6000 },
    ])
    const stalls = event.sections[0]!
    const box = event.sections[1]!
    const [buyer, rival] = await createUsers(2) as [TestUser, TestUser]
    const book = async (who: TestUser, seatIds: string[]) => {
      const hold = await api('POST', '/api/holds', { token: who.token, body: { eventId: event.id, seatIds } })
      expect(hold.status, JSON.stringify(hold.body)).toBe(201)
      return (await api('POST', '/api/bookings', { token: who.token, body: { holdId: hold.body.id } })).body
    }
    const booking = await book(buyer, stalls.placeIds.slice(0, 2))
    await book(rival, [box.placeIds[0]!])
    // The Box sells 2 at most (one is sold); the Stalls' type is exactly full with this booking.
    await testDb().ticketType.updateMany({ where: { sectionId: box.id }, data: { quota: 2 } })
    await testDb().ticketType.updateMany({ where: { sectionId: stalls.id }, data: { quota: 2 } })
    const move = (seatIds: string[]) => api('PATCH', `/api/bookings/${booking.id}`, { token: buyer.token, body: { seatIds } })

    const tooMany = await move([box.placeIds[1]!, box.placeIds[2]!])
    expect(tooMany.status).toBe(409)
    expect(tooMany.body).toMatchObject({ code: 'TYPE_UNAVAILABLE', details: { reason: 'quota' } })
    const unchanged = await api('GET', `/api/bookings/${booking.id}`, { token: buyer.token })
    expect(unchanged.body.tickets.filter((t: { valid: boolean }) => t.valid).map((t: { placeId: string }) => t.placeId).sort()).toEqual(stalls.placeIds.slice(0, 2).sort())
    expect(await testDb().place.count({ where: { id: { in: [box.placeIds[1]!, box.placeIds[2]!] }, bookingId: { not: null } } })).toBe(0)

    // Within the full Stalls type, seats swap freely; one seat into the Box fits its quota.
    expect((await move([stalls.placeIds[0]!, stalls.placeIds[3]!])).status).toBe(200)
    const moved = await move([stalls.placeIds[0]!, box.placeIds[1]!])
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    expect(moved.body.total).toMatchObject({ amountCents: 9000 })
  })
})

// PATCH /api/events/:id: who may edit, what an edit announces, and how a seat-map change treats
// places that are held or sold — black-box, with holds and bookings written straight to the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type pg from 'pg'
import { api } from '../support/http.ts'
import { addStaff, createEvent, inHours, insertBooking, insertHold, outboxCount, publish, registerUser, seatIds, sqlPool, type TestUser } from '../support/event-fixtures.ts'

let sql: pg.Pool
let organiser: TestUser
let buyer: TestUser
beforeAll(async () => {
  sql = sqlPool()
  organiser = await registerUser('Olga Organiser')
  buyer = await registerUser('Bea Buyer')
})
afterAll(() => sql.end())

const patch = (token: string, id: string, body: unknown) => api('PATCH', `/api/events/${id}`, { token, body })
const seatMap = async (id: string) => (await api('GET', `/api/events/${id}/seats`, { token: organiser.token })).body

function sectionsWith(event: { sections: { id: string, name: string, kind: string, price: { amountCents: number, currency: string }, rows: number | null, seatsPerRow: number | null, capacity: number }[] }, changes: Record<string, Record<string, unknown>>) {
  return event.sections.map(s => ({
    id: s.id, name: s.name, kind: s.kind, priceCents: s.price.amountCents, currency: s.price.currency,
    ...(s.kind === 'SEATED' ? { rows: s.rows, seatsPerRow: s.seatsPerRow } : { capacity: s.capacity }),
    ...changes[s.name],
  }))
}

describe('PATCH /api/events/:id — who may edit', () => {
  it('answers 404 to strangers and check-in staff, and lets a co-organiser edit', async () => {
    const event = await createEvent(organiser.token)
    const stranger = await registerUser('Stan')
    const checkin = await registerUser('Chris')
    const co = await registerUser('Cora')
    await addStaff(sql, event.id, checkin.id, 'CHECKIN')
    await addStaff(sql, event.id, co.id, 'CO_ORGANISER')
    expect((await patch(stranger.token, event.id, { title: 'Mine now' })).status).toBe(404)
    expect((await patch(checkin.token, event.id, { title: 'Mine now' })).status).toBe(404)
    expect((await api('PATCH', `/api/events/${event.id}`, { body: { title: 'x' } })).status).toBe(401)
    const res = await patch(co.token, event.id, { title: 'Renamed by Cora' })
    expect(res.status).toBe(200)
    expect(res.body.title).toBe('Renamed by Cora')
  })
})

describe('PATCH /api/events/:id — fields and messages', () => {
  it('announces edits of a published event, with timesChanged, and audits the changed fields', async () => {
    const event = await createEvent(organiser.token)
    const draftEdit = await patch(organiser.token, event.id, { description: 'Draft edit' })
    expect(draftEdit.status).toBe(200)
    expect(await outboxCount(sql, 'event.updated', event.id)).toBe(0)
    await publish(organiser.token, event.id)

    const retitled = await patch(organiser.token, event.id, { title: 'New title', venue: { city: 'Porto' } })
    expect(retitled.body).toMatchObject({ title: 'New title', venue: { name: 'Coliseu', city: 'Porto' }, status: 'PUBLISHED' })
    const moved = await patch(organiser.token, event.id, { startsAt: inHours(24 * 12), endsAt: inHours(24 * 12 + 2) })
    expect(moved.status).toBe(200)
    const { rows: messages } = await sql.query(`SELECT payload FROM outbox_messages WHERE routing_key = 'event.updated' AND aggregate_id = $1 ORDER BY created_at`, [event.id])
    expect(messages.map(m => m.payload)).toEqual([{ eventId: event.id, timesChanged: false }, { eventId: event.id, timesChanged: true }])
    const { rows: audit } = await sql.query(`SELECT data FROM audit_log WHERE event_id = $1 AND action = 'event.updated' ORDER BY created_at`, [event.id])
    expect(audit.map(a => a.data.fields)).toEqual([['description'], ['title', 'venue'], ['startsAt', 'endsAt']])
  })

  it.each<[string, Record<string, unknown>, string]>([
    ['an end before the current start', { endsAt: inHours(24) }, 'endsAt'],
    ['a start in the past', { startsAt: inHours(-2) }, 'startsAt'],
    ['an unknown section id', { sections: [{ id: '00000000-0000-4000-8000-000000000000', name: 'X', kind: 'GA', priceCents: 1, currency: 'EUR', capacity: 5 }] }, 'sections.0.id'],
    ['a blank venue name', { venue: { name: '' } }, 'venue.name'],
    ['an empty body', {}, '(body)'],
  ])('answers 400 VALIDATION_FAILED for %s', async (_, body, field) => {
    const event = await createEvent(organiser.token)
    const res = await patch(organiser.token, event.id, body)
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION_FAILED')
    expect(res.body.details.issues.map((i: { path: string }) => i.path)).toContain(field)
  })
})

describe('PATCH /api/events/:id — seat map changes', () => {
  it('refuses to drop held or sold seats with 409 INVENTORY_IN_USE and changes nothing', async () => {
    const event = await createEvent(organiser.token)
    await publish(organiser.token, event.id)
    const ids = seatIds(await seatMap(event.id))
    await insertHold(sql, buyer.id, event.id, [ids.get('D2')!, ids.get('D3')!])
    const seller = await registerUser('Sid')
    await insertBooking(sql, seller.id, event.id, [ids.get('A5')!], 4500)
    const before = await seatMap(event.id)

    const shrinkRows = await patch(organiser.token, event.id, { sections: sectionsWith(event, { Stalls: { rows: 3 } }) })
    expect(shrinkRows.status).toBe(409)
    expect(shrinkRows.body.code).toBe('INVENTORY_IN_USE')
    expect(shrinkRows.body.details.sections).toEqual([expect.objectContaining({ id: event.sections[0].id, name: 'Stalls', labels: ['D2', 'D3'] })])

    const narrower = await patch(organiser.token, event.id, { sections: sectionsWith(event, { Stalls: { seatsPerRow: 4 } }) })
    expect(narrower.status).toBe(409)
    expect(narrower.body.details.sections[0].labels).toEqual(['A5'])

    const dropSection = await patch(organiser.token, event.id, { title: 'Should not stick', sections: sectionsWith(event, {}).slice(1) })
    expect(dropSection.status).toBe(409)
    expect(dropSection.body.details.sections[0].labels).toHaveLength(3)

    expect(await seatMap(event.id)).toEqual(before)
    const detail = (await api('GET', `/api/events/${event.id}`)).body
    expect(detail.title).toBe(event.title)
    expect(detail.sections.map((s: { rows: number | null }) => s.rows)).toEqual([4, null])
    expect(await outboxCount(sql, 'event.updated', event.id)).toBe(0)
  })

  it('lets a lapsed hold go: an expired claim does not block a shrink', async () => {
    const event = await createEvent(organiser.token)
    const ids = seatIds(await seatMap(event.id))
    await insertHold(sql, buyer.id, event.id, [ids.get('D1')!], -1)
    const res = await patch(organiser.token, event.id, { sections: sectionsWith(event, { Stalls: { rows: 3 } }) })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.sections[0]).toMatchObject({ rows: 3, capacity: 15, available: 15 })
    const after = seatIds(await seatMap(event.id))
    expect(after.size).toBe(15)
    for (const [label, id] of after) expect(id).toBe(ids.get(label))
  })

  it('enlarges sections keeping the existing places, renames, reprices, removes and adds sections', async () => {
    const event = await createEvent(organiser.token)
    const ids = seatIds(await seatMap(event.id))
    const { rows: gaBefore } = await sql.query('SELECT id, label FROM places WHERE section_id = $1', [event.sections[1].id])
    await insertHold(sql, buyer.id, event.id, [ids.get('A1')!])

    const sections = sectionsWith(event, { Stalls: { rows: 6, seatsPerRow: 8, name: 'Orchestra', priceCents: 5000 }, Standing: { capacity: 40 } })
    const res = await patch(organiser.token, event.id, { sections: [...sections, { name: 'Box', kind: 'SEATED', priceCents: 9000, currency: 'EUR', rows: 1, seatsPerRow: 2 }] })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.sections.map((s: { name: string, capacity: number }) => [s.name, s.capacity])).toEqual([['Orchestra', 48], ['Standing', 40], ['Box', 2]])
    expect(res.body.sections[0]).toMatchObject({ id: event.sections[0].id, price: { amountCents: 5000 }, available: 47 })
    const map = await seatMap(event.id)
    const after = seatIds({ sections: map.sections.slice(0, 1) })
    for (const [label, id] of ids) expect(after.get(label), label).toBe(id)
    expect(map.sections[0].rows.map((r: { label: string }) => r.label)).toEqual(['A', 'B', 'C', 'D', 'E', 'F'])
    expect(map.sections[0].rows[0].seats[0]).toMatchObject({ label: 'A1', status: 'HELD' })
    const { rows: gaAfter } = await sql.query('SELECT id, label FROM places WHERE section_id = $1', [event.sections[1].id])
    expect(gaAfter).toHaveLength(40)
    expect(gaAfter).toEqual(expect.arrayContaining(gaBefore))

    const removed = await patch(organiser.token, event.id, { sections: res.body.sections.slice(0, 1).map((s: { id: string }) => ({ ...sections[0], id: s.id })) })
    expect(removed.status).toBe(200)
    expect(removed.body.sections).toHaveLength(1)
    expect(removed.body.availability).toEqual({ available: 47, total: 48 })
  })
})

// GET /api/openapi.json describes every route, and the main routes' real answers match the response
// schemas the document was generated from (tests/support/openapi.ts).
import { describe, expect, it } from 'vitest'
import { api, uniqueEmail } from '../support/http.ts'
import { apiRouteFiles } from '../support/api-routes.ts'
import { expectSpecAnswer } from '../support/openapi.ts'
import { PASSWORD, createEvent, publish, registerUser } from '../support/event-fixtures.ts'

describe('GET /api/openapi.json', () => {
  it('serves OpenAPI 3.1 naming every route file', async () => {
    const res = await api('GET', '/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('application/json')
    expect(res.body.openapi).toBe('3.1.0')
    const documented = new Set(Object.entries(res.body.paths as Record<string, object>).flatMap(([path, item]) => Object.keys(item).map(m => `${m.toUpperCase()} ${path}`)))
    const missing = apiRouteFiles().map(r => `${r.method} ${r.route.replace(/:(\w+)/g, '{$1}')}`).filter(r => !documented.has(r))
    expect(missing).toEqual([])
  })
})

describe('real answers match the spec', () => {
  it('accounts, events, organiser views, holds and bookings', { timeout: 60_000 }, async () => {
    const email = uniqueEmail('spec')
    const registered = await api('POST', '/api/auth/register', { body: { email, password: PASSWORD, name: 'Spec Organiser' } })
    expectSpecAnswer('POST /api/auth/register', registered)
    const login = await api('POST', '/api/auth/login', { body: { email, password: PASSWORD } })
    expect(login.status).toBe(200)
    expectSpecAnswer('POST /api/auth/login', login)
    const token = login.body.accessToken as string
    expectSpecAnswer('GET /api/me', await api('GET', '/api/me', { token }))
    expectSpecAnswer('PATCH /api/me', await api('PATCH', '/api/me', { token, body: { locale: 'pt' } }))

    const draft = await createEvent(token)
    const event = await publish(token, draft.id)
    expectSpecAnswer('GET /api/events/{id}', await api('GET', `/api/events/${event.id}`))
    expectSpecAnswer('GET /api/events/{id}', await api('GET', `/api/events/${event.id}`, { token }))
    expectSpecAnswer('PATCH /api/events/{id}', await api('PATCH', `/api/events/${event.id}`, { token, body: { description: 'Now with more fado.' } }))
    expectSpecAnswer('GET /api/events', await api('GET', '/api/events?pageSize=5'))
    const seatMap = expectSpecAnswer('GET /api/events/{id}/seats', await api('GET', `/api/events/${event.id}/seats`))
    expectSpecAnswer('GET /api/organiser/events', await api('GET', '/api/organiser/events', { token }))

    const buyer = await registerUser('Spec Buyer')
    const seatId = seatMap.sections[0].rows[0].seats[0].id as string
    const hold = await api('POST', '/api/holds', { token: buyer.token, body: { eventId: event.id, seatIds: [seatId], ga: [{ sectionId: event.sections[1].id, quantity: 1 }] } })
    expect(hold.status).toBe(201)
    expectSpecAnswer('POST /api/holds', hold)
    expectSpecAnswer('GET /api/holds/{id}', await api('GET', `/api/holds/${hold.body.id}`, { token: buyer.token }))
    const booking = await api('POST', '/api/bookings', { token: buyer.token, body: { holdId: hold.body.id } })
    expect(booking.status).toBe(201)
    expectSpecAnswer('POST /api/bookings', booking)
    expectSpecAnswer('GET /api/bookings/{id}', await api('GET', `/api/bookings/${booking.body.id}`, { token: buyer.token }))
    expectSpecAnswer('GET /api/bookings', await api('GET', '/api/bookings', { token: buyer.token }))
    expectSpecAnswer('GET /api/events/{id}/audit', await api('GET', `/api/events/${event.id}/audit`, { token }))
    expectSpecAnswer('POST /api/bookings/{id}/cancel', await api('POST', `/api/bookings/${booking.body.id}/cancel`, { token: buyer.token }))
    expectSpecAnswer('POST /api/events/{id}/cancel', await api('POST', `/api/events/${event.id}/cancel`, { token }))
  })

  it('operations and errors', async () => {
    expectSpecAnswer('GET /api/health', await api('GET', '/api/health'))
    expectSpecAnswer('GET /api/payments/methods', await api('GET', '/api/payments/methods'))
    const missing = await api('GET', '/api/events/00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expectSpecAnswer('GET /api/events/{id}', missing)
    const invalid = await api('POST', '/api/auth/login', { body: { email: 'nope' } })
    expect(invalid.status).toBe(400)
    expectSpecAnswer('POST /api/auth/login', invalid)
  })

  it('fails an answer with a field the spec does not describe', () => {
    expect(() => expectSpecAnswer('GET /api/health', { status: 200, body: { status: 'ok', extra: 1 }, headers: new Headers({ 'content-type': 'application/json' }) })).toThrow(/does not match the spec/)
  })
})

// Issue 15.8, team invitations by e-mail: an organiser invites an address (with or without an account)
// to a role; the link arrives by e-mail (outbox → RabbitMQ → notifications worker → SMTP) and makes
// whoever accepts it while signed in a member. Membership follows the link's token, not the address
// (addresses are unverified): only the token's hash is stored, and used, withdrawn and expired links
// are refused with 410 INVITATION_INVALID. Every step is in the audit log.
import { randomBytes } from 'node:crypto'
import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashInvitationToken } from '../../server/domain/organising/invitations.ts'
import { PASSWORD, sqlPool } from '../support/event-fixtures.ts'
import { decodePart, mimeParts } from '../support/fake-smtp.ts'
import { testDb } from '../support/fixtures.ts'
import { api, baseUrl, uniqueEmail } from '../support/http.ts'
import { startNotificationsWorld, type NotificationsWorld } from '../support/notifications-world.ts'
import { makeCast, type Cast } from '../support/organising-fixtures.ts'
import { eventually } from '../support/workers.ts'

let world: NotificationsWorld
let sql: pg.Pool
let cast: Cast
beforeAll(async () => {
  sql = sqlPool()
  ;[world, cast] = await Promise.all([startNotificationsWorld(), makeCast(sql)])
})
afterAll(async () => {
  await world?.stop()
  await sql?.end()
})

/** The link's token from the `count`th invitation e-mail to `email`. */
async function tokenMailedTo(email: string, count = 1): Promise<string> {
  const mails = await eventually(async () => {
    const found = world.smtp.mails.filter(m => m.to.includes(email) && /invited you to the team/.test(m.raw))
    return found.length >= count && found
  }, 20_000, 'the invitation e-mail')
  const text = decodePart(mimeParts(mails.at(-1)!.raw).find(p => /^text\/plain/i.test(p.headers['content-type'] ?? ''))!)
  expect(text).toContain('Fado')
  const link = text.match(/https?:\/\/\S+\/join-team\?token=([\w%-]+)/)
  expect(link, text).not.toBeNull()
  expect(link![0].startsWith(baseUrl())).toBe(true)
  return decodeURIComponent(link![1]!)
}

async function signUp(name: string, email = uniqueEmail('invitee')): Promise<{ id: string, email: string, token: string }> {
  const res = await api('POST', '/api/auth/register', { body: { email, password: PASSWORD, name } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return { id: res.body.user.id, email, token: res.body.accessToken }
}

const invite = (token: string | undefined, email: string, role: string) => api('POST', `/api/events/${cast.eventId}/invitations`, { token, body: { email, role } })
const accept = (token: string | undefined, link: string) => api('POST', '/api/invitations/accept', { token, body: { token: link } })

describe('team invitations by e-mail', () => {
  it('e-mails a link to an address without an account; signing up and accepting makes that account a member', async () => {
    const address = uniqueEmail('newcomer')
    const sent = await invite(cast.users.organiser.token, address.toUpperCase(), 'CHECKIN')
    expect(sent.status, JSON.stringify(sent.body)).toBe(201)
    expect(sent.body).toMatchObject({ email: address, role: 'CHECKIN', status: 'PENDING', invitedBy: { id: cast.users.organiser.id, name: 'Olga Organiser' } })
    const days = (Date.parse(sent.body.expiresAt) - Date.parse(sent.body.createdAt)) / 86_400_000
    expect(days).toBeCloseTo(7, 3)

    const link = await tokenMailedTo(address)
    const row = await testDb().staffInvitation.findUniqueOrThrow({ where: { id: sent.body.id } })
    expect(row.tokenHash).toBe(hashInvitationToken(link)) // only the hash is stored
    const outbox = await testDb().outboxMessage.findFirstOrThrow({ where: { routingKey: 'staff.invited', aggregateId: sent.body.id } })
    expect(JSON.stringify(outbox.payload)).not.toContain(link)

    const listed = await api('GET', `/api/events/${cast.eventId}/invitations`, { token: cast.users.coOrganiser.token })
    expect(listed.body.map((i: any) => i.id)).toContain(sent.body.id)

    // The link shows what it offers to anyone holding it, signed in or not.
    const preview = await api('POST', '/api/invitations/preview', { body: { token: link } })
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ event: { id: cast.eventId }, role: 'CHECKIN', invitedBy: { name: 'Olga Organiser' } })
    expect((await accept(undefined, link)).status).toBe(401)

    const newcomer = await signUp('Nia Newcomer', address)
    // Signing up with the address gives nothing by itself: the link does.
    expect((await api('GET', `/api/events/${cast.eventId}/attendees`, { token: newcomer.token })).status).toBe(404)
    const joined = await accept(newcomer.token, link)
    expect(joined.status, JSON.stringify(joined.body)).toBe(200)
    expect(joined.body).toMatchObject({ event: { id: cast.eventId }, role: 'CHECKIN' })
    expect((await api('GET', `/api/events/${cast.eventId}/attendees`, { token: newcomer.token })).status).toBe(200)
    expect((await accept(newcomer.token, link)).status).toBe(200) // a double submit answers the same

    // Used: refused for anyone else, and gone from the list.
    const other = await accept(cast.users.other.token, link)
    expect(other.status).toBe(410)
    expect(other.body).toMatchObject({ statusCode: 410, code: 'INVITATION_INVALID', details: { reason: 'ACCEPTED' }, message: expect.stringContaining('used') })
    expect((await api('POST', '/api/invitations/preview', { body: { token: link } })).body.code).toBe('INVITATION_INVALID')
    const after = await api('GET', `/api/events/${cast.eventId}/invitations`, { token: cast.users.organiser.token })
    expect(after.body.map((i: any) => i.id)).not.toContain(sent.body.id)

    const audit = await api('GET', `/api/events/${cast.eventId}/audit?pageSize=100`, { token: cast.users.organiser.token })
    const entries = audit.body.items.filter((e: any) => e.data.email === address || e.data.invitedEmail === address)
    expect(entries.map((e: any) => e.action)).toEqual(['staff.invitation_accepted', 'staff.invited'])
    expect(entries[0]).toMatchObject({ actor: { id: newcomer.id, name: 'Nia Newcomer' }, data: { role: 'CHECKIN', invitedEmail: address } })
  })

  it('ties membership to the token, not the address: another account accepting the link joins, the address\'s owner does not', async () => {
    const owner = await signUp('Owen Owner')
    const sent = await invite(cast.users.organiser.token, owner.email, 'CO_ORGANISER')
    expect(sent.status).toBe(201)
    const link = await tokenMailedTo(owner.email)
    const forwardedTo = await signUp('Fay Forwarded')
    expect((await accept(forwardedTo.token, link)).status).toBe(200)
    const team = await api('GET', `/api/events/${cast.eventId}/staff`, { token: cast.users.organiser.token })
    const members = new Map(team.body.members.map((m: any) => [m.userId, m.role]))
    expect(members.get(forwardedTo.id)).toBe('CO_ORGANISER')
    expect(members.has(owner.id)).toBe(false)
  })

  it('refuses withdrawn, expired and unknown links, and keeps each role\'s limits', async () => {
    const co = cast.users.coOrganiser.token
    expect((await invite(co, uniqueEmail('x'), 'CO_ORGANISER')).status).toBe(403)
    expect((await invite(cast.users.checkin.token, uniqueEmail('x'), 'CHECKIN')).status).toBe(403)
    expect((await invite(cast.users.other.token, uniqueEmail('x'), 'CHECKIN')).status).toBe(404)
    expect((await invite(co, 'not an address', 'CHECKIN')).body.code).toBe('VALIDATION_FAILED')
    const member = await invite(co, (await testDb().user.findUniqueOrThrow({ where: { id: cast.users.checkin.id } })).email, 'CHECKIN')
    expect(member.status).toBe(409)
    expect(member.body.details).toMatchObject({ reason: 'ALREADY_MEMBER' })

    // Withdrawn by a co-organiser: the link stops working at once.
    const withdrawn = uniqueEmail('withdrawn')
    const first = await invite(co, withdrawn, 'CHECKIN')
    const firstLink = await tokenMailedTo(withdrawn)
    expect((await api('DELETE', `/api/events/${cast.eventId}/invitations/${first.body.id}`, { token: co })).status).toBe(204)
    expect((await api('DELETE', `/api/events/${cast.eventId}/invitations/${first.body.id}`, { token: co })).status).toBe(204)
    const refused = await accept(cast.users.other.token, firstLink)
    expect(refused.status).toBe(410)
    expect(refused.body.details).toEqual({ reason: 'REVOKED' })

    // Inviting the same address again replaces the open invitation: only the newest link works.
    const late = uniqueEmail('late')
    await invite(co, late, 'CHECKIN')
    const oldLink = await tokenMailedTo(late)
    const again = await invite(co, late, 'CHECKIN')
    const newLink = await tokenMailedTo(late, 2)
    expect((await accept(cast.users.other.token, oldLink)).body.details).toEqual({ reason: 'REVOKED' })
    // Past its week, the newest is refused too (and listed as expired until withdrawn).
    await sql.query('UPDATE staff_invitations SET expires_at = now() - interval \'1 second\' WHERE id = $1', [again.body.id])
    const expired = await accept(cast.users.other.token, newLink)
    expect(expired.status).toBe(410)
    expect(expired.body).toMatchObject({ code: 'INVITATION_INVALID', details: { reason: 'EXPIRED' }, message: expect.stringContaining('expired') })
    const listed = await api('GET', `/api/events/${cast.eventId}/invitations`, { token: co })
    expect(listed.body.find((i: any) => i.id === again.body.id)).toMatchObject({ status: 'EXPIRED' })

    const unknown = await accept(cast.users.other.token, randomBytes(32).toString('base64url'))
    expect(unknown.status).toBe(404)
    expect(unknown.body.code).toBe('NOT_FOUND')
    expect((await accept(cast.users.other.token, '')).body.code).toBe('VALIDATION_FAILED')
    // Nobody was let in by any of these.
    expect((await api('GET', `/api/events/${cast.eventId}/attendees`, { token: cast.users.other.token })).status).toBe(404)

    const audit = await api('GET', `/api/events/${cast.eventId}/audit?pageSize=100`, { token: cast.users.organiser.token })
    expect(audit.body.items.find((e: any) => e.action === 'staff.invitation_revoked' && e.data.email === withdrawn)).toMatchObject({ actor: { id: cast.users.coOrganiser.id } })
  })
})

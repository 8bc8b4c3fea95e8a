// Team invitations by e-mail, the organiser's side: invite an address (with or without a Bookify
// account) to a role, list the open invitations, withdraw one. Inviting stores a staff_invitations
// row and a staff.invited outbox message in one transaction; the notifications worker mints the
// link's token as it sends the e-mail (mintInvitationToken), so no secret passes through the outbox.
// Addresses are not verified, so the address only says where the link goes: whoever opens the link
// and signs in joins (accept-invitation.ts), and signing up with the address gives nothing by itself.
import { createHash, randomBytes } from 'node:crypto'
import type { Db } from '../../db/client.ts'
import type { InviteStaffBody } from '../../../shared/schemas/organising.ts'
import type { StaffInvitationDto, StaffRole } from '../../../shared/types/organising.ts'
import { writeOutbox } from '../../messaging/outbox.ts'
import { ROUTING_KEYS } from '../../messaging/names.ts'
import { isUuid } from '../events/access.ts'
import { DomainError } from '../errors.ts'
import { audit } from './audit-log.ts'
import { requireEventRole, ROLES, type EventCaller } from './event-roles.ts'
import { mayManage, refuseRole } from './team-rights.ts'

/** How long an invitation's link works. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
/** The open invitations listed per event (newest first); more than this is not a team any more. */
const LIST_LIMIT = 200

export const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('base64url')

interface InvitationRow {
  id: string
  email: string
  role: StaffRole
  createdAt: Date
  expiresAt: Date
  invitedBy: { id: string, name: string } | null
}

function toDto(row: InvitationRow, now: Date): StaffInvitationDto {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    status: row.expiresAt > now ? 'PENDING' : 'EXPIRED',
  }
}

const withInviter = { invitedBy: { select: { id: true, name: true } } } as const

/** Invites `body.email` to the team; a newer invitation to the same address replaces an open one. */
export async function inviteStaff(db: Db, eventId: string, caller: EventCaller, body: InviteStaffBody, requestId?: string, now = new Date()): Promise<StaffInvitationDto> {
  const { event, roles } = await requireEventRole(db, eventId, caller, ROLES.manage)
  if (!mayManage(roles, body.role)) refuseRole(body.role)
  const account = await db.user.findUnique({ where: { email: body.email }, select: { id: true } })
  const member = account && (account.id === event.organiserId || await db.eventStaff.findUnique({ where: { eventId_userId: { eventId, userId: account.id } } }))
  if (member) throw new DomainError('CONFLICT', 'Someone with this e-mail address is already on the team.', { reason: 'ALREADY_MEMBER', field: 'email' })
  return db.$transaction(async (tx) => {
    const open = await tx.staffInvitation.findMany({ where: { eventId, email: body.email, acceptedAt: null, revokedAt: null }, select: { role: true } })
    // Replacing an open invitation withdraws it: only who may withdraw it may replace it.
    for (const o of open) if (!mayManage(roles, o.role)) refuseRole(o.role)
    if (open.length) await tx.staffInvitation.updateMany({ where: { eventId, email: body.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } })
    const row = await tx.staffInvitation.create({
      data: { eventId, email: body.email, role: body.role, invitedById: caller.userId, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
      include: withInviter,
    })
    await writeOutbox(tx, ROUTING_KEYS.staffInvited, { invitationId: row.id, eventId }, requestId)
    await audit(tx, {
      actorId: caller.userId, eventId, action: 'staff.invited',
      target: { type: 'invitation', id: row.id }, data: { email: body.email, role: body.role, ...(open.length ? { replaced: open.length } : {}) },
    })
    return toDto(row, now)
  })
}

/** The invitations neither accepted nor withdrawn, newest first; expired ones say so. */
export async function listInvitations(db: Db, eventId: string, caller: EventCaller, now = new Date()): Promise<StaffInvitationDto[]> {
  await requireEventRole(db, eventId, caller, ROLES.read)
  const rows = await db.staffInvitation.findMany({
    where: { eventId, acceptedAt: null, revokedAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: LIST_LIMIT,
    include: withInviter,
  })
  return rows.map(r => toDto(r, now))
}

const noSuchInvitation = () => new DomainError('NOT_FOUND', 'There is no such invitation.')

/** Withdraws an invitation: its link stops working at once. Withdrawing twice changes nothing. */
export async function revokeInvitation(db: Db, eventId: string, caller: EventCaller, invitationId: string, now = new Date()): Promise<void> {
  const { roles } = await requireEventRole(db, eventId, caller, ROLES.manage)
  const found = isUuid(invitationId) ? await db.staffInvitation.findFirst({ where: { id: invitationId, eventId } }) : null
  if (!found) throw noSuchInvitation()
  if (!mayManage(roles, found.role)) refuseRole(found.role)
  const alreadyAccepted = () => new DomainError('CONFLICT', 'This invitation was accepted already; remove the member from the team instead.', { reason: 'ALREADY_ACCEPTED' })
  if (found.acceptedAt) throw alreadyAccepted()
  if (found.revokedAt) return
  await db.$transaction(async (tx) => {
    // Conditional: an acceptance committing meanwhile wins, and the withdrawal is refused.
    const revoked = await tx.staffInvitation.updateMany({ where: { id: invitationId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } })
    if (revoked.count === 0) {
      const current = await tx.staffInvitation.findUnique({ where: { id: invitationId }, select: { acceptedAt: true } })
      if (current?.acceptedAt) throw alreadyAccepted()
      return
    }
    await audit(tx, {
      actorId: caller.userId, eventId, action: 'staff.invitation_revoked',
      target: { type: 'invitation', id: invitationId }, data: { email: found.email, role: found.role },
    })
  })
}

/**
 * The worker's half: a fresh token for an invitation still open, its hash stored (replacing any
 * earlier one, so only the newest e-mailed link works). Undefined when it was accepted, withdrawn or
 * has expired before the e-mail could go.
 */
export async function mintInvitationToken(db: Db, invitationId: string, now = new Date()): Promise<{ token: string, email: string, role: StaffRole, eventId: string, invitedById: string | null, expiresAt: Date } | undefined> {
  const token = randomBytes(32).toString('base64url')
  const [row] = await db.$queryRaw<{ email: string, role: StaffRole, event_id: string, invited_by_id: string | null, expires_at: Date }[]>`
    UPDATE staff_invitations SET token_hash = ${hashInvitationToken(token)}
     WHERE id = ${invitationId}::uuid AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ${now}
    RETURNING email, role::text AS role, event_id, invited_by_id, expires_at`
  return row ? { token, email: row.email, role: row.role, eventId: row.event_id, invitedById: row.invited_by_id, expiresAt: row.expires_at } : undefined
}

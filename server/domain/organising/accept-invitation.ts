// Team invitations by e-mail, the invitee's side: what a link offers, and accepting it. Membership
// follows the token in the link, never the address it was sent to (addresses are not verified):
// any signed-in account that presents a valid token joins with the invitation's role, whatever its
// own address. A link works once, for INVITATION_TTL_MS, and not after the organiser withdrew it or
// after whoever sent it lost the right to give that role.
import type { Db } from '../../db/client.ts'
import type { InvitationInvalidDetails, InvitationViewDto, StaffRole } from '../../../shared/types/organising.ts'
import type { AfterCommit } from '../ports.ts'
import { rolesOn, type EventCaller } from '../events/access.ts'
import { DomainError } from '../errors.ts'
import { audit } from './audit-log.ts'
import { hashInvitationToken } from './invitations.ts'
import { mayManage } from './team-rights.ts'

const MESSAGES: Record<InvitationInvalidDetails['reason'], string> = {
  ACCEPTED: 'This invitation has been used already. Ask the organiser to invite you again if you need to.',
  REVOKED: 'This invitation was withdrawn. Ask the organiser to invite you again if you need to.',
  EXPIRED: 'This invitation has expired. Ask the organiser to invite you again.',
}

const invalid = (reason: InvitationInvalidDetails['reason']) => new DomainError('INVITATION_INVALID', MESSAGES[reason], { reason } satisfies InvitationInvalidDetails)

async function findByToken(db: Db, token: string) {
  const invitation = await db.staffInvitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: {
      event: { select: { id: true, title: true, startsAt: true, timezone: true, organiserId: true } },
      invitedBy: { select: { id: true, name: true } },
    },
  })
  if (!invitation) throw new DomainError('NOT_FOUND', 'This invitation link is unknown. Open the whole link from the e-mail, or ask the organiser to invite you again.')
  return invitation
}

type Invitation = Awaited<ReturnType<typeof findByToken>>

function view(invitation: Invitation): InvitationViewDto {
  const { event } = invitation
  return {
    event: { id: event.id, title: event.title, startsAt: event.startsAt.toISOString(), timezone: event.timezone },
    role: invitation.role,
    invitedBy: invitation.invitedBy ? { name: invitation.invitedBy.name } : null,
    expiresAt: invitation.expiresAt.toISOString(),
  }
}

/** Refuses an invitation that can no longer be accepted, saying why. */
async function requireOpen(db: Db, invitation: Invitation, now: Date): Promise<void> {
  if (invitation.acceptedAt) throw invalid('ACCEPTED')
  if (invitation.revokedAt) throw invalid('REVOKED')
  if (invitation.expiresAt <= now) throw invalid('EXPIRED')
  // An invitation is only as good as its sender's right to give the role (a co-organiser since
  // removed from the team, say); the platform-admin role gives no team rights, so it is left out.
  const senderRoles = invitation.invitedById ? await rolesOn(db, invitation.event, { userId: invitation.invitedById, role: 'USER' }) : []
  if (!mayManage(senderRoles, invitation.role)) throw invalid('REVOKED')
}

/** What the link offers, for the page it opens (no sign-in needed: the token is the credential). */
export async function previewInvitation(db: Db, token: string, now = new Date()): Promise<InvitationViewDto> {
  const invitation = await findByToken(db, token)
  await requireOpen(db, invitation, now)
  return view(invitation)
}

/**
 * Makes the signed-in caller a member with the invitation's role and uses the link up. An invitation
 * never lowers a role: a co-organiser accepting a check-in invitation stays co-organiser. Accepting
 * again with the same account answers the same (a double submit, a reload).
 */
export async function acceptInvitation(db: Db, token: string, caller: EventCaller, effects?: Pick<AfterCommit, 'eventChanged'>, now = new Date()): Promise<InvitationViewDto> {
  const invitation = await findByToken(db, token)
  const eventId = invitation.event.id
  if (invitation.acceptedAt && invitation.acceptedById === caller.userId) return view(invitation)
  await requireOpen(db, invitation, now)
  if (invitation.event.organiserId === caller.userId) throw new DomainError('CONFLICT', 'You organise this event already.', { reason: 'ALREADY_MEMBER' })
  const role = await db.$transaction(async (tx) => {
    // One conditional UPDATE: of two acceptances (or an acceptance and a withdrawal), one wins.
    const used = await tx.staffInvitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: caller.userId },
    })
    if (used.count === 0) throw invalid('ACCEPTED')
    const existing = await tx.eventStaff.findUnique({ where: { eventId_userId: { eventId, userId: caller.userId } } })
    const role: StaffRole = existing?.role === 'CO_ORGANISER' ? 'CO_ORGANISER' : invitation.role
    await tx.eventStaff.upsert({
      where: { eventId_userId: { eventId, userId: caller.userId } },
      create: { eventId, userId: caller.userId, role },
      update: { role },
    })
    const user = await tx.user.findUniqueOrThrow({ where: { id: caller.userId }, select: { email: true, name: true } })
    await audit(tx, {
      actorId: caller.userId, eventId, action: 'staff.invitation_accepted',
      target: { type: 'user', id: caller.userId },
      data: { email: user.email, name: user.name, role, invitedEmail: invitation.email, invitationId: invitation.id, ...(existing ? { from: existing.role } : {}) },
    })
    return role
  })
  // The team reads the event uncached: every instance learns who is on it.
  await effects?.eventChanged(eventId)
  return { ...view(invitation), role }
}

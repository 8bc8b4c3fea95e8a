// The event's team. Organisers and co-organisers manage it (team-rights.ts says who may give which
// role). Adding someone directly needs a Bookify account with that address: organisers add
// colleagues they know, so an unknown address is answered plainly (404 UNKNOWN_USER) rather than
// hidden. People without an account (yet) are invited by e-mail instead (invitations.ts).
import type { AfterCommit } from '../ports.ts'
import type { Db } from '../../db/client.ts'
import type { AddStaffBody } from '../../../shared/schemas/organising.ts'
import type { StaffMemberDto, TeamDto } from '../../../shared/types/organising.ts'
import { isUuid } from '../events/access.ts'
import { DomainError } from '../errors.ts'
import { audit } from './audit-log.ts'
import { requireEventRole, ROLES, type EventCaller } from './event-roles.ts'
import { mayManage, refuseRole } from './team-rights.ts'

export async function listTeam(db: Db, eventId: string, caller: EventCaller): Promise<TeamDto> {
  const { event, roles } = await requireEventRole(db, eventId, caller, ROLES.read)
  const [organiser, staff] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: event.organiserId }, select: { id: true, name: true, email: true } }),
    db.eventStaff.findMany({ where: { eventId }, orderBy: [{ role: 'asc' }, { createdAt: 'asc' }], include: { user: { select: { name: true, email: true } } } }),
  ])
  const members: StaffMemberDto[] = [
    { userId: organiser.id, name: organiser.name, email: organiser.email, role: 'ORGANISER', addedAt: null },
    ...staff.map(s => ({ userId: s.userId, name: s.user.name, email: s.user.email, role: s.role, addedAt: s.createdAt.toISOString() })),
  ]
  return { eventId, yourRoles: roles, members }
}

/** Adds a team member, or changes the role of one already on the team. */
export async function addStaff(db: Db, eventId: string, caller: EventCaller, body: AddStaffBody, effects?: Pick<AfterCommit, 'eventChanged'>): Promise<StaffMemberDto> {
  const { event, roles } = await requireEventRole(db, eventId, caller, ROLES.manage)
  if (!mayManage(roles, body.role)) refuseRole(body.role)
  const user = await db.user.findUnique({ where: { email: body.email }, select: { id: true, name: true, email: true, disabledAt: true } })
  if (!user || user.disabledAt) throw new DomainError('UNKNOWN_USER', 'There is no Bookify account with this e-mail address; ask them to sign up first.', { field: 'email' })
  if (user.id === event.organiserId) throw new DomainError('CONFLICT', 'The organiser is already on the team.', { field: 'email' })
  const member = await db.$transaction(async (tx) => {
    const existing = await tx.eventStaff.findUnique({ where: { eventId_userId: { eventId, userId: user.id } } })
    if (existing && !mayManage(roles, existing.role)) refuseRole(existing.role)
    const row = await tx.eventStaff.upsert({
      where: { eventId_userId: { eventId, userId: user.id } },
      create: { eventId, userId: user.id, role: body.role },
      update: { role: body.role },
    })
    if (existing?.role !== body.role) {
      await audit(tx, {
        actorId: caller.userId, eventId, action: existing ? 'staff.role_changed' : 'staff.added',
        target: { type: 'user', id: user.id }, data: { email: user.email, name: user.name, role: body.role, ...(existing ? { from: existing.role } : {}) },
      })
    }
    return { userId: user.id, name: user.name, email: user.email, role: row.role, addedAt: row.createdAt.toISOString() }
  })
  // The team reads the event uncached (hidden ticket types and all): every instance learns who is on it.
  await effects?.eventChanged(eventId)
  return member
}

export async function removeStaff(db: Db, eventId: string, caller: EventCaller, userId: string, effects?: Pick<AfterCommit, 'eventChanged'>): Promise<void> {
  const { roles } = await requireEventRole(db, eventId, caller, ROLES.manage)
  const existing = isUuid(userId) ? await db.eventStaff.findFirst({ where: { eventId, userId }, include: { user: { select: { email: true, name: true } } } }) : null
  if (!existing) throw new DomainError('NOT_FOUND', 'This person is not on the event\'s team.')
  if (!mayManage(roles, existing.role)) refuseRole(existing.role)
  await db.$transaction(async (tx) => {
    const removed = await tx.eventStaff.deleteMany({ where: { eventId, userId } })
    if (removed.count === 0) return
    await audit(tx, {
      actorId: caller.userId, eventId, action: 'staff.removed',
      target: { type: 'user', id: userId }, data: { email: existing.user.email, name: existing.user.name, role: existing.role },
    })
  })
  await effects?.eventChanged(eventId)
}

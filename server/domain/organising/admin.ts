// The platform ADMIN's tools: every event, and switching an event or a user off and on. Anyone
// else gets 404, as if the routes did not exist. A disabled event leaves the public catalogue and
// its pages (its team still sees it); a disabled user cannot sign in or refresh, and every session
// they had is revoked at once (an access token already issued lapses within its 15 minutes).
import type { Db } from '../../db/client.ts'
import type { AdminEventsQuery } from '../../../shared/schemas/organising.ts'
import type { Page } from '../../../shared/types/event.ts'
import type { AdminEventDto, AdminUserDto } from '../../../shared/types/organising.ts'
import { isUuid, type EventCaller } from '../events/access.ts'
import { DomainError } from '../errors.ts'
import type { AfterCommit } from '../ports.ts'
import { audit } from './audit-log.ts'

const notFound = () => new DomainError('NOT_FOUND', 'There is nothing at this address.')

function requireAdmin(caller: EventCaller): void {
  if (caller.role !== 'ADMIN') throw notFound()
}

export async function listAllEvents(db: Db, caller: EventCaller, query: AdminEventsQuery): Promise<Page<AdminEventDto>> {
  requireAdmin(caller)
  const where = query.q ? { title: { contains: query.q, mode: 'insensitive' as const } } : {}
  const [total, events] = await Promise.all([
    db.event.count({ where }),
    db.event.findMany({
      where,
      orderBy: [{ startsAt: 'desc' }, { id: 'asc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { organiser: { select: { id: true, name: true, email: true } } },
    }),
  ])
  const items = events.map((e): AdminEventDto => ({
    id: e.id, title: e.title, status: e.status, startsAt: e.startsAt.toISOString(), timezone: e.timezone, city: e.city,
    organiser: e.organiser, disabledAt: e.disabledAt?.toISOString() ?? null,
  }))
  return { items, page: query.page, pageSize: query.pageSize, total }
}

export async function setEventDisabled(db: Db, caller: EventCaller, eventId: string, disabled: boolean, now = new Date(), effects?: Pick<AfterCommit, 'eventChanged'>): Promise<AdminEventDto> {
  requireAdmin(caller)
  if (!isUuid(eventId)) throw notFound()
  let changed = false
  const dto = await db.$transaction(async (tx) => {
    const before = await tx.event.findUnique({ where: { id: eventId } })
    if (!before) throw notFound()
    changed = Boolean(before.disabledAt) !== disabled
    const e = changed
      ? await tx.event.update({ where: { id: eventId }, data: { disabledAt: disabled ? now : null }, include: { organiser: { select: { id: true, name: true, email: true } } } })
      : await tx.event.findUniqueOrThrow({ where: { id: eventId }, include: { organiser: { select: { id: true, name: true, email: true } } } })
    if (changed) await audit(tx, { actorId: caller.userId, eventId, action: disabled ? 'event.disabled' : 'event.enabled', target: { type: 'event', id: eventId } })
    return {
      id: e.id, title: e.title, status: e.status, startsAt: e.startsAt.toISOString(), timezone: e.timezone, city: e.city,
      organiser: e.organiser, disabledAt: e.disabledAt?.toISOString() ?? null,
    }
  })
  if (changed) await effects?.eventChanged(eventId)
  return dto
}

/** After the commit, every web instance ends (or allows again) the account's sessions. */
export async function setUserDisabled(db: Db, effects: AfterCommit, caller: EventCaller, userId: string, disabled: boolean, now = new Date()): Promise<AdminUserDto> {
  requireAdmin(caller)
  if (!isUuid(userId)) throw notFound()
  if (disabled && userId === caller.userId) throw new DomainError('CONFLICT', 'You cannot disable your own account.')
  const user = await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId } })
    if (!before) throw notFound()
    const changed = Boolean(before.disabledAt) !== disabled
    const user = changed ? await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? now : null } }) : before
    if (disabled) {
      await tx.refreshTokenFamily.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: 'user_disabled' } })
    }
    if (changed) await audit(tx, { actorId: caller.userId, action: disabled ? 'user.disabled' : 'user.enabled', target: { type: 'user', id: userId } })
    return { id: user.id, name: user.name, email: user.email, role: user.role, disabledAt: user.disabledAt?.toISOString() ?? null }
  })
  await effects.accountStatusChanged(user.id, user.disabledAt ? new Date(user.disabledAt) : null)
  return user
}

// The audit trail of organiser, staff and admin actions, written in the transaction that acted,
// and read per event newest first.
import type { Db, Prisma } from '../../db/client.ts'
import type { AuditQuery } from '../../../shared/schemas/organising.ts'
import type { Page } from '../../../shared/types/event.ts'
import type { AuditEntryDto } from '../../../shared/types/organising.ts'
import { requireEventRole, ROLES, type EventCaller } from './event-roles.ts'

type OrganisingAuditAction =
  | 'staff.added' | 'staff.role_changed' | 'staff.removed'
  | 'staff.invited' | 'staff.invitation_revoked' | 'staff.invitation_accepted'
  | 'attendees.exported' | 'checkin.synced' | 'booking.paid_at_venue'
  | 'event.disabled' | 'event.enabled' | 'user.disabled' | 'user.enabled'

type Writer = Db | Prisma.TransactionClient

interface AuditInput {
  actorId: string
  eventId?: string | null
  action: OrganisingAuditAction
  target?: { type: string, id: string }
  data?: Prisma.InputJsonObject
}

export async function audit(db: Writer, input: AuditInput): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: input.actorId,
      eventId: input.eventId ?? null,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      data: input.data ?? {},
    },
  })
}

export async function listAudit(db: Db, eventId: string, caller: EventCaller, query: AuditQuery): Promise<Page<AuditEntryDto>> {
  await requireEventRole(db, eventId, caller, ROLES.read)
  const where = { eventId }
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      include: { actor: { select: { id: true, name: true } } },
    }),
  ])
  const items = rows.map((r): AuditEntryDto => ({
    id: r.id,
    action: r.action,
    actor: r.actor,
    targetType: r.targetType,
    targetId: r.targetId,
    data: (r.data ?? {}) as Record<string, unknown>,
    createdAt: r.createdAt.toISOString(),
  }))
  return { items, page: query.page, pageSize: query.pageSize, total }
}

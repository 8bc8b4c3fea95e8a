// Organiser actions on an event leave an audit row, written in the transaction that made the change.
import type { Prisma } from '../../db/client.ts'

type EventAuditAction = 'event.created' | 'event.updated' | 'event.published' | 'event.cancelled'

export async function auditEvent(tx: Prisma.TransactionClient, actorId: string, eventId: string, action: EventAuditAction, data: Prisma.InputJsonObject = {}): Promise<void> {
  await tx.auditLog.create({ data: { actorId, eventId, action, targetType: 'event', targetId: eventId, data } })
}

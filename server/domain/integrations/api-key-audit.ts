// API keys leave audit rows: created, revoked, and one per request made with a key, naming the key,
// so an organiser can see what a script did in their name (and the event's log shows it too).
import type { Db, Prisma } from '../../db/client.ts'
import type { RequestOrigin } from '../accounts/audit.ts'

type ApiKeyAuditAction = 'api_key.created' | 'api_key.revoked' | 'api_key.request'

interface ApiKeyRef {
  id: string
  name: string
  userId: string
}

export async function auditApiKey(db: Pick<Db, 'auditLog'> | Prisma.TransactionClient, action: ApiKeyAuditAction, key: ApiKeyRef, origin: RequestOrigin, extra: { eventId?: string, data?: Prisma.InputJsonObject } = {}): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: key.userId,
      eventId: extra.eventId ?? null,
      action,
      targetType: 'api_key',
      targetId: key.id,
      data: { apiKey: { id: key.id, name: key.name }, ...extra.data },
      ip: origin.ip?.slice(0, 64),
      requestId: origin.requestId?.slice(0, 128),
    },
  })
}

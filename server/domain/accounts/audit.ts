// Account security events leave an audit row: who (when known), what, from which address, and the
// request id that ties it to the request's log lines.
import type { Db, Prisma } from '../../db/client.ts'

type AccountAuditAction = 'auth.login' | 'auth.login_failed' | 'auth.logout' | 'auth.registered' | 'auth.password_reset_requested' | 'auth.password_reset'

/** Where a request came from; recorded with every account audit row. */
export interface RequestOrigin {
  ip?: string
  requestId?: string
}

export async function auditAccount(db: Pick<Db, 'auditLog'>, action: AccountAuditAction, actorId: string | undefined, origin: RequestOrigin, data: Prisma.InputJsonObject = {}): Promise<void> {
  await db.auditLog.create({
    data: { actorId, action, targetType: 'user', targetId: actorId, data, ip: origin.ip?.slice(0, 64), requestId: origin.requestId?.slice(0, 128) },
  })
}

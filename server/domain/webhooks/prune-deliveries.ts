// The delivery log is for looking back a while, not forever: finished deliveries older than the
// retention are deleted (pending ones never are). The webhooks worker runs this hourly.
import type { Db } from '../../db/client.ts'

export const DELIVERY_LOG_RETENTION_DAYS = 30

export async function pruneDeliveries(db: Db, now = new Date(), days = DELIVERY_LOG_RETENTION_DAYS): Promise<number> {
  const { count } = await db.webhookDelivery.deleteMany({
    where: { status: { in: ['DELIVERED', 'FAILED'] }, createdAt: { lt: new Date(now.getTime() - days * 86_400_000) } },
  })
  return count
}

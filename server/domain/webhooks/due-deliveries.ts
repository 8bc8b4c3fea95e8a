// What the webhooks worker's sweep schedules: pending deliveries that are due, to enabled endpoints,
// and first in their aggregate's line. Their jobs were lost (Redis flushed), or the web process
// queued them (a resend while Redis was down), or they waited behind one that just ended.
import type { Db } from '../../db/client.ts'

export async function dueDeliveries(db: Db, limit = 500): Promise<{ id: string, attempts: number }[]> {
  return db.$queryRaw<{ id: string, attempts: number }[]>`
    SELECT d.id::text AS id, d.attempts
    FROM webhook_deliveries d
    JOIN webhook_endpoints e ON e.id = d.endpoint_id
    WHERE d.status = 'PENDING' AND e.disabled_at IS NULL AND d.next_attempt_at <= now()
      AND NOT EXISTS (
        SELECT 1 FROM webhook_deliveries o
        WHERE o.endpoint_id = d.endpoint_id AND o.aggregate_key = d.aggregate_key AND o.status = 'PENDING' AND o.seq < d.seq)
    ORDER BY d.seq
    LIMIT ${limit}`
}

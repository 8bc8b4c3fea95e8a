// Availability counts straight from the place rows. A place is free when it is unbooked and either
// unheld or held by a hold whose time has passed (lazy expiry: no job has to run first).
import type { Db } from '../../db/client.ts'

export interface Availability {
  available: number
  total: number
}

export async function availabilityByEvent(db: Db, eventIds: string[]): Promise<Map<string, Availability>> {
  const result = new Map<string, Availability>()
  if (eventIds.length === 0) return result
  const rows = await db.$queryRaw<{ event_id: string, total: bigint, available: bigint }[]>`
    SELECT event_id,
           count(*) AS total,
           count(*) FILTER (WHERE booking_id IS NULL AND (hold_id IS NULL OR held_until <= now())) AS available
      FROM places
     WHERE event_id = ANY(${eventIds}::uuid[])
     GROUP BY event_id`
  for (const row of rows) result.set(row.event_id, { total: Number(row.total), available: Number(row.available) })
  return result
}

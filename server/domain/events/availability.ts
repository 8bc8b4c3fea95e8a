// Availability counts straight from the place rows. A place is free when it is unbooked and either
// unheld or held by a hold whose time has passed (lazy expiry: no job has to run first).
import type { Db } from '../../db/client.ts'
import type { LiveCountsDto } from '../../../shared/types/live.ts'
import { availabilityBySection } from './event-detail.ts'

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

/** The live counts of one event, per section and in total (GET /api/events/:id/live). */
export async function liveCounts(db: Db, eventId: string): Promise<LiveCountsDto> {
  const counts = await availabilityBySection(db, eventId)
  let available = 0
  let total = 0
  const sections: LiveCountsDto['sections'] = []
  for (const [id, c] of counts) {
    available += c.available
    total += c.total
    sections.push({ id, available: c.available })
  }
  return { eventId, available, total, sections }
}

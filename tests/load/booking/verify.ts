// After a run, the database says what was sold: places under an active, unexpired hold, and any
// place claimed by two active holds at once (invariant 1). Oversold = double claims + places over capacity.
import pg from 'pg'

export interface Sold {
  capacity: number
  /** Places whose row points at an active, unexpired hold of this event. */
  held: number
  /** Places listed in two or more active holds (hold_places), or claimed by a hold that does not list them. */
  doubleClaimed: number
  oversold: number
}

export async function soldFromDb(url: string, eventId: string): Promise<Sold> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows: [r] } = await client.query<{ capacity: number, held: number, double_claimed: number, unlisted: number }>(`
      WITH active AS (SELECT id FROM holds WHERE event_id = $1 AND status = 'ACTIVE' AND expires_at > now())
      SELECT
        (SELECT count(*)::int FROM places WHERE event_id = $1) AS capacity,
        (SELECT count(*)::int FROM places p JOIN active a ON a.id = p.hold_id WHERE p.held_until > now()) AS held,
        (SELECT count(*)::int FROM (SELECT hp.place_id FROM hold_places hp JOIN active a ON a.id = hp.hold_id
                                      GROUP BY hp.place_id HAVING count(*) > 1) twice) AS double_claimed,
        (SELECT count(*)::int FROM places p JOIN active a ON a.id = p.hold_id
          WHERE NOT EXISTS (SELECT 1 FROM hold_places hp WHERE hp.hold_id = p.hold_id AND hp.place_id = p.id)) AS unlisted`, [eventId])
    const doubleClaimed = r!.double_claimed + r!.unlisted
    return { capacity: r!.capacity, held: r!.held, doubleClaimed, oversold: doubleClaimed + Math.max(0, r!.held - r!.capacity) }
  } finally {
    await client.end()
  }
}

// What PostgreSQL keeps of a waiting room: one row per account that joined, its drawn or arrival
// position and when it was admitted — enough to rebuild the Redis queue exactly, and to publish
// the fairness proof. Only joining, the draw, admissions and closing write here; a queued buyer's
// status never reads here.
import { sqlPool, type Db } from '../../db/client.ts'
import { drawOrder, entryHashOf } from './fairness.ts'
import type { RebuildInput } from './queue-store.ts'

// Joining takes the room row FOR SHARE, and the draw takes it FOR UPDATE: an entry is in the
// pre-queue exactly when it committed before the draw, and it joined before the sale's start.
const JOIN_SQL = `
  WITH room AS (
    SELECT drawn_at IS NULL AND clock_timestamp() < sales_start_at AS pre
      FROM waiting_rooms WHERE event_id = $1::uuid FOR SHARE)
  INSERT INTO queue_entries (event_id, user_id, entry_hash, prequeue)
  SELECT $1::uuid, $2::uuid, $3, room.pre FROM room
  ON CONFLICT (event_id, user_id) DO UPDATE SET joined_at = queue_entries.joined_at
  RETURNING seq, prequeue, position`

export interface JoinedRow {
  seq: bigint
  prequeue: boolean
  position: number | null
}

export async function recordJoin(db: Db, eventId: string, userId: string): Promise<JoinedRow | undefined> {
  const { rows: [row] } = await sqlPool(db).query<{ seq: string, prequeue: boolean, position: number | null }>({
    name: 'bookify_queue_join', text: JOIN_SQL, values: [eventId, userId, entryHashOf(eventId, userId)],
  })
  return row ? { seq: BigInt(row.seq), prequeue: row.prequeue, position: row.position } : undefined
}

/** A late arrival's position, or a lapsed buyer's new one at the back (their old admission is void). */
export async function recordPositions(db: Db, eventId: string, placed: { userId: string, position: number }[]): Promise<void> {
  if (placed.length === 0) return
  await sqlPool(db).query(
    `UPDATE queue_entries q SET position = v.position, admitted_at = NULL
       FROM unnest($2::uuid[], $3::int[]) AS v(user_id, position)
      WHERE q.event_id = $1::uuid AND q.user_id = v.user_id`,
    [eventId, placed.map(p => p.userId), placed.map(p => p.position)],
  )
}

/**
 * The draw, once: orders the pre-queue by the room's seed (fairness.ts) and stores each position.
 * Returns the account ids in drawn order (also when the draw had already happened, e.g. when Redis
 * lost it before it got there).
 */
export async function drawInDatabase(db: Db, eventId: string): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const [room] = await tx.$queryRaw<{ seed: string, drawn_at: Date | null }[]>`
      SELECT seed, drawn_at FROM waiting_rooms WHERE event_id = ${eventId}::uuid FOR UPDATE`
    if (!room) return []
    const entries = await tx.queueEntry.findMany({ where: { eventId, prequeue: true }, select: { userId: true, entryHash: true, position: true } })
    if (room.drawn_at) {
      return entries.filter(e => e.position !== null).sort((a, b) => a.position! - b.position!).map(e => e.userId)
    }
    const byHash = new Map(entries.map(e => [e.entryHash, e.userId]))
    const ordered = drawOrder(room.seed, [...byHash.keys()]).map(h => byHash.get(h)!)
    await tx.$executeRaw`
      UPDATE queue_entries q SET position = v.position
        FROM unnest(${ordered}::uuid[]) WITH ORDINALITY AS v(user_id, position)
       WHERE q.event_id = ${eventId}::uuid AND q.user_id = v.user_id`
    await tx.waitingRoom.update({ where: { eventId }, data: { drawnAt: new Date(), prequeueSize: ordered.length } })
    return ordered
  }, { maxWait: 10_000, timeout: 60_000 })
}

export async function recordAdmitted(db: Db, eventId: string, from: number, to: number, at: Date): Promise<void> {
  await db.$transaction([
    db.$executeRaw`UPDATE queue_entries SET admitted_at = ${at} WHERE event_id = ${eventId}::uuid AND position > ${from} AND position <= ${to}`,
    db.$executeRaw`UPDATE waiting_rooms SET admitted_through = greatest(admitted_through, ${to}) WHERE event_id = ${eventId}::uuid`,
  ])
}

export interface PlaceCounts {
  free: number
  held: number
  /** Ended holds of the event: lapsed (expired) and booked, for the share likely to lapse. */
  lapsed: number
  booked: number
}

/** Free and held places of an event now (lazy expiry: a lapsed hold's places are free), in one statement. */
export async function placeCounts(db: Db, eventId: string): Promise<PlaceCounts> {
  const { rows: [row] } = await sqlPool(db).query<PlaceCounts>({
    name: 'bookify_queue_place_counts',
    text: `SELECT p.free, p.held, h.lapsed, h.booked FROM
             (SELECT count(*) FILTER (WHERE booking_id IS NULL AND (hold_id IS NULL OR held_until <= clock_timestamp()))::int AS free,
                     count(*) FILTER (WHERE booking_id IS NULL AND hold_id IS NOT NULL AND held_until > clock_timestamp())::int AS held
                FROM places WHERE event_id = $1::uuid) p,
             (SELECT count(*) FILTER (WHERE status = 'EXPIRED')::int AS lapsed, count(*) FILTER (WHERE status = 'CONFIRMED')::int AS booked
                FROM holds WHERE event_id = $1::uuid AND waitlist_entry_id IS NULL) h`,
    values: [eventId],
  })
  return row ?? { free: 0, held: 0, lapsed: 0, booked: 0 }
}

/** Closes the room for good; false when it was already closed. */
export async function closeRoom(db: Db, eventId: string, reason: 'SOLD_OUT'): Promise<boolean> {
  const n = await db.waitingRoom.updateMany({ where: { eventId, closedAt: null }, data: { closedAt: new Date(), closedReason: reason } })
  return n.count > 0
}

/** Everything Redis needs to hold the queue again, from PostgreSQL. */
export async function rebuildInput(db: Db, eventId: string): Promise<RebuildInput | undefined> {
  const room = await db.waitingRoom.findUnique({ where: { eventId } })
  if (!room) return undefined
  const entries = await db.queueEntry.findMany({ where: { eventId }, select: { userId: true, seq: true, prequeue: true, position: true, admittedAt: true }, orderBy: { seq: 'asc' } })
  const drawn = room.drawnAt !== null
  const placed = entries.filter(e => e.position !== null).map(e => ({ userId: e.userId, position: e.position! }))
  let tail = placed.reduce((max, p) => Math.max(max, p.position), 0)
  // After the draw, an entry without a position was between joining and being placed when Redis
  // went: it goes to the back now, in arrival order.
  const unplaced = entries.filter(e => e.position === null)
  if (drawn) {
    for (const e of unplaced) placed.push({ userId: e.userId, position: ++tail })
    await recordPositions(db, eventId, placed.slice(placed.length - unplaced.length))
  }
  const admittedAt = new Map<number, number>()
  for (const e of entries) {
    if (e.admittedAt && e.position !== null) {
      const t = e.admittedAt.getTime()
      admittedAt.set(t, Math.max(admittedAt.get(t) ?? 0, e.position))
    }
  }
  const outstanding = await stillOutstanding(db, eventId, entries)
  return {
    drawn,
    tail,
    cursor: room.admittedThrough,
    prequeueSize: room.prequeueSize ?? 0,
    closed: room.closedAt !== null,
    closedReason: room.closedReason,
    placed,
    pre: drawn ? [] : unplaced.filter(e => e.prequeue).map(e => e.userId),
    late: drawn ? [] : unplaced.filter(e => !e.prequeue).map(e => ({ userId: e.userId, seq: e.seq })),
    advances: [...admittedAt].map(([at, cursor]) => ({ cursor, at })),
    outstanding,
  }
}

/**
 * Buyers admitted whose window is still open and who have not held since: the admitter keeps a place
 * in view for each (admission-policy.ts), so forgetting them with Redis would let in more buyers than
 * there are places. A refused hold attempt leaves no row, so such a buyer counts until the window
 * ends — after a Redis loss the room admits a little slower for a while, never too many.
 */
async function stillOutstanding(db: Db, eventId: string, entries: { userId: string, admittedAt: Date | null }[]): Promise<{ userId: string, until: number }[]> {
  const admitted = entries.filter(e => e.admittedAt)
  if (admitted.length === 0) return []
  const event = await db.event.findUnique({ where: { id: eventId }, select: { holdMinutes: true } })
  const windowMs = (event?.holdMinutes ?? 0) * 60_000
  const now = Date.now()
  const open = admitted.map(e => ({ userId: e.userId, since: e.admittedAt!, until: e.admittedAt!.getTime() + windowMs })).filter(e => e.until > now)
  if (open.length === 0) return []
  const holds = await db.hold.findMany({ where: { eventId, userId: { in: open.map(e => e.userId) } }, select: { userId: true, createdAt: true } })
  return open.filter(e => !holds.some(h => h.userId === e.userId && h.createdAt >= e.since)).map(({ userId, until }) => ({ userId, until }))
}

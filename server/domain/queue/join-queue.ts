// POST /api/events/:id/queue: one entry per account (joining again answers the same place). Before
// the sale starts an entry goes to the pre-queue, whose order is drawn at the start; afterwards it
// goes to the back of the line. PostgreSQL records the entry first (what Redis is rebuilt from),
// then Redis places it.
import type { Db } from '../../db/client.ts'
import type { QueueStatusDto } from '../../../shared/types/queue.ts'
import { DomainError } from '../errors.ts'
import { recordJoin, recordPositions } from './queue-entries.ts'
import { queueStatus, type StatusDeps } from './queue-status.ts'
import { joinLine } from './queue-store.ts'
import { noWaitingRoom, roomPhase, type RoomSettings } from './room-settings.ts'

export { noWaitingRoom }

export interface JoinDeps extends StatusDeps {
  db: Db
}

export async function joinQueue(deps: JoinDeps, room: RoomSettings | undefined, userId: string, now = Date.now()): Promise<QueueStatusDto> {
  if (!room || !room.onSale || !room.enabled) throw noWaitingRoom()
  const phase = roomPhase(room, now)
  if (phase === 'PENDING') {
    throw new DomainError('CONFLICT', 'The waiting room is not open yet.', { reason: 'QUEUE_NOT_OPEN', opensAt: new Date(room.opensAt).toISOString() })
  }
  if (phase !== 'CLOSED') {
    const row = await recordJoin(deps.db, room.eventId, userId)
    if (!row) throw noWaitingRoom()
    let joined = await joinLine(deps.redis, room.eventId, userId, row.prequeue, row.seq, now, room.holdMinutes * 60_000)
    if (joined.position === -1) {
      await deps.rebuild(room.eventId)
      joined = await joinLine(deps.redis, room.eventId, userId, row.prequeue, row.seq, now, room.holdMinutes * 60_000)
    }
    // A place given in Redis after the draw (a late arrival, or a lapsed turn joining again) is
    // written back, so a rebuild puts the buyer where they are now.
    if (joined.added !== 0 && joined.position > 0) await recordPositions(deps.db, room.eventId, [{ userId, position: joined.position }])
  }
  const status = await queueStatus(deps, room, userId, now)
  if (!status) throw new DomainError('CONFLICT', 'The waiting room has closed.', { reason: 'QUEUE_CLOSED' })
  return status
}

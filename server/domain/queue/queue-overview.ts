// GET /api/organiser/events/:id/queue: the organiser's live view, from Redis and the room's settings.
import type { Db } from '../../db/client.ts'
import type { QueueOverviewDto } from '../../../shared/types/queue.ts'
import { BACKSTAGE_ROLES, loadEventForRole, type EventCaller } from '../events/access.ts'
import { queueKeys } from './queue-keys.ts'
import type { QueueRedis } from './queue-store.ts'
import { noWaitingRoom, roomPhase, type RoomSettings } from './room-settings.ts'

export async function queueOverview(redis: Pick<QueueRedis, 'multi'>, room: RoomSettings, now = Date.now()): Promise<QueueOverviewDto> {
  const k = queueKeys(room.eventId)
  const res = await redis.multi()
    .hmget(k.meta, 'drawn', 'tail', 'cursor', 'placesLeft', 'held', 'rate', 'target', 'closed')
    .scard(k.pre)
    .zcard(k.late)
    .zcount(k.outstanding, now, '+inf')
    .exec()
  if (!res) throw new Error('queue overview: transaction aborted')
  const [drawn, tail, cursor, placesLeft, held, rate, target, closed] = res[0]![1] as (string | null)[]
  const isDrawn = drawn === '1'
  const length = isDrawn ? Number(tail ?? 0) : Number(res[1]![1]) + Number(res[2]![1])
  const admitted = Number(cursor ?? 0)
  return {
    eventId: room.eventId,
    phase: closed === '1' ? 'CLOSED' : isDrawn ? 'SELLING' : roomPhase(room, now),
    length,
    waiting: Math.max(0, length - admitted),
    admitted,
    rate: Number(rate ?? 0),
    mode: room.admitPerMinute === null ? 'AUTOMATIC' : 'FIXED',
    placesLeft: placesLeft ? Number(placesLeft) : null,
    held: held ? Number(held) : null,
    targetInProgress: target ? Number(target) : null,
    inProgress: Number(res[3]![1]),
  }
}

/** The organiser's (and their team's) view; anyone else gets the event's 404. */
export async function organiserQueueOverview(db: Db, redis: Pick<QueueRedis, 'multi'>, room: RoomSettings | undefined, eventId: string, caller: EventCaller): Promise<QueueOverviewDto> {
  await loadEventForRole(db, eventId, caller, BACKSTAGE_ROLES)
  if (!room) throw noWaitingRoom()
  return queueOverview(redis, room)
}

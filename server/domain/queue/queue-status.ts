// A buyer's place in a waiting room, from Redis alone (one script call) and the room's settings in
// memory: no PostgreSQL. An admitted buyer gets their admission token, signed afresh each time
// (a signature costs tens of microseconds; storing one would cost a write).
import type { QueueStatusDto } from '../../../shared/types/queue.ts'
import type { QueueProgressMessage } from '../../messaging/pubsub.ts'
import { signAdmissionToken } from './admission-token.ts'
import { readLine, type LineSnapshot, type QueueRedis } from './queue-store.ts'
import { DomainError } from '../errors.ts'
import { closedReasonOf, noWaitingRoom, roomPhase, type RoomSettings } from './room-settings.ts'

export interface StatusDeps {
  redis: QueueRedis
  secret: string
  /** Loads the queue into Redis when Redis lost it; the status is read again afterwards. */
  rebuild(eventId: string): Promise<void>
}

/** The facts a status is made of: a Redis snapshot, or a live progress message plus a known position. */
export interface StatusFacts {
  position: number | null
  waiting: 'PRE' | 'LATE' | null
  admittedAt: number | null
  drawn: boolean
  tail: number
  cursor: number
  preSize: number
  placesLeft: number | null
  rate: number
  closed: boolean
  closedReason: string | null
}

export function factsOf(snapshot: LineSnapshot): StatusFacts {
  return { ...snapshot, preSize: snapshot.preSize + snapshot.lateSize }
}

/** Facts from a progress message for a buyer whose position is known (the SSE fan-out). */
export function factsFromProgress(progress: QueueProgressMessage, position: number | null, waiting: 'PRE' | 'LATE' | null, admittedAt: number | null): StatusFacts {
  return { position, waiting, admittedAt, drawn: progress.drawn, tail: progress.tail, cursor: progress.cursor, preSize: progress.preSize, placesLeft: progress.placesLeft, rate: progress.rate, closed: progress.closed, closedReason: progress.closedReason }
}

/** The status the buyer sees; null when they are not in this room. */
export async function statusFromFacts(room: RoomSettings, facts: StatusFacts, userId: string, secret: string, now = Date.now()): Promise<QueueStatusDto | null> {
  const closed = facts.closed || roomPhase(room, now) === 'CLOSED'
  const phase = closed ? 'CLOSED' : facts.drawn ? 'SELLING' : roomPhase(room, now)
  const base = {
    eventId: room.eventId,
    phase,
    preQueue: facts.waiting === 'PRE' || (facts.position !== null && facts.position <= 0),
    placesLeft: facts.placesLeft,
    queueLength: facts.drawn ? facts.tail : facts.preSize,
    salesStartAt: new Date(room.salesStartAt).toISOString(),
  } as const
  if (closed) {
    if (facts.position === null && facts.waiting === null) return null
    const reason = (facts.closedReason === 'SOLD_OUT' ? 'SOLD_OUT' : closedReasonOf(room)) ?? 'SOLD_OUT'
    return { ...base, state: 'CLOSED', position: facts.position, ahead: null, etaSeconds: null, closedReason: reason, waitlist: reason === 'SOLD_OUT' }
  }
  if (facts.position === null) {
    if (facts.waiting === null) return null
    // Before the draw a place is not known: the pre-queue's order is drawn at the start.
    return { ...base, state: 'WAITING', position: null, ahead: null, etaSeconds: null }
  }
  if (facts.position <= facts.cursor) {
    const windowMs = room.holdMinutes * 60_000
    const admittedAt = facts.admittedAt ?? now
    const until = admittedAt + windowMs
    if (until <= now) {
      return { ...base, state: 'ADMITTED', position: facts.position, ahead: 0, etaSeconds: 0, admittedUntil: new Date(until).toISOString(), lapsed: true }
    }
    const admissionToken = await signAdmissionToken({ userId, eventId: room.eventId, position: facts.position, expiresAt: until }, secret)
    return { ...base, state: 'ADMITTED', position: facts.position, ahead: 0, etaSeconds: 0, admissionToken, admittedUntil: new Date(Math.floor(until / 1000) * 1000).toISOString() }
  }
  const ahead = facts.position - facts.cursor - 1
  const etaSeconds = facts.rate > 0 ? Math.ceil(ahead * 60 / facts.rate) : null
  return { ...base, state: 'WAITING', position: facts.position, ahead, etaSeconds }
}

export async function queueStatus(deps: StatusDeps, room: RoomSettings, userId: string, now = Date.now()): Promise<QueueStatusDto | null> {
  let snapshot = await readLine(deps.redis, room.eventId, userId)
  if (!snapshot.built) {
    await deps.rebuild(room.eventId)
    snapshot = await readLine(deps.redis, room.eventId, userId)
  }
  return statusFromFacts(room, factsOf(snapshot), userId, deps.secret, now)
}

/** GET …/queue/me and the stream's first message: 404 without a room or without a place in it. */
export async function myQueueStatus(deps: StatusDeps, room: RoomSettings | undefined, userId: string, now = Date.now()): Promise<QueueStatusDto> {
  if (!room || !room.onSale) throw noWaitingRoom()
  const status = await queueStatus(deps, room, userId, now)
  if (!status) throw new DomainError('NOT_FOUND', 'You are not in this waiting room; join it first.', { reason: 'NOT_IN_QUEUE' })
  return status
}
